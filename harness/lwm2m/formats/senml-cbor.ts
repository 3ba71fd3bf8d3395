// SenML CBOR (content-format 112, RFC 8428 §6) for LwM2M (Core §7.4.5): integer labels
// bn -2, bt -3, n 0, v 2, vs 3, vb 4, vd 8, t 6, and the text label "vlo" for object links.

import { DecodeFailure, guard, type DecodeResult } from '../decode-error.ts';
import { CborFloat, CborMap, CborTag, CborReader, cborInteger, type CborValue } from '../cbor/reader.ts';
import { CborWriter } from '../cbor/writer.ts';
import type { LwM2mNode } from '../node.ts';
import type { ContentFormatCodec, DecodeContext, FloatWidth } from './codec.ts';
import { nodesToRecords, recordsToNodes, recordsToPaths, type SenmlEncodeOptions, type SenmlNumber, type SenmlRecord } from './senml.ts';

const FORMAT = 'senml-cbor';
const where = (at: number) => ({ offset: at });

function failAt(offset: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, offset, reason });
}

function numberOf(v: CborValue, at: number, label: string): SenmlNumber {
  const int = cborInteger(v);
  if (int !== undefined) return { int };
  if (v instanceof CborFloat) {
    const exactInt = Number.isInteger(v.value) && Math.abs(v.value) <= Number.MAX_SAFE_INTEGER ? BigInt(v.value) : undefined;
    return exactInt !== undefined ? { float: v.value, exactInt } : { float: v.value };
  }
  // Tag 4 decimal fraction [exponent, mantissa] (RFC 8949 §3.4.4), as Leshan writes bt.
  if (v instanceof CborTag && v.tag === 4 && Array.isArray(v.value) && v.value.length === 2) {
    const e = cborInteger(v.value[0] as CborValue);
    const m = cborInteger(v.value[1] as CborValue);
    if (e !== undefined && m !== undefined && e >= -400n && e <= 400n) {
      if (e >= 0n) return { int: m * 10n ** e };
      const div = 10n ** -e;
      return m % div === 0n ? { float: Number(m / div), exactInt: m / div } : { float: Number(m) / Number(div) };
    }
  }
  return failAt(at, `'${label}' must be a number`);
}

function textOf(v: CborValue, at: number, label: string): string {
  if (typeof v !== 'string') return failAt(at, `'${label}' must be a text string`);
  return v;
}

export function readSenmlCborRecords(payload: Uint8Array): SenmlRecord[] {
  const reader = new CborReader(payload, FORMAT);
  const doc = reader.read();
  if (!reader.atEnd()) failAt(reader.pos, 'trailing bytes after the SenML array');
  if (!Array.isArray(doc)) return failAt(0, 'SenML CBOR must be an array of records');
  return doc.map((item) => {
    if (!(item instanceof CborMap)) return failAt(0, 'each SenML record must be a map');
    const r: SenmlRecord = { at: item.offset };
    let seen = 0; // one bit per known label; other labels are ignored anyway
    item.entries.forEach(([key, v], k) => {
      const at = item.keyOffsets[k] ?? item.offset;
      if (typeof key !== 'number' && typeof key !== 'string') failAt(at, 'record label must be an integer or text');
      const bit = typeof key === 'number' ? (key >= -3 && key <= 8 ? 1 << (key + 3) : 0) : key === 'vlo' ? 1 << 12 : 0;
      if (seen & bit) failAt(at, `label ${String(key)} appears twice in a record`);
      seen |= bit;
      switch (key) {
        case -2: r.bn = textOf(v, at, 'bn'); break;
        case -3: r.bt = numberOf(v, at, 'bt'); break;
        case 0: r.n = textOf(v, at, 'n'); break;
        case 6: r.t = numberOf(v, at, 't'); break;
        case 2:
          if (typeof v === 'string') r.vText = v;
          else r.v = numberOf(v, at, 'v');
          break;
        case 3: r.vs = textOf(v, at, 'vs'); break;
        case 4:
          if (typeof v !== 'boolean') failAt(at, "'vb' must be true or false");
          r.vb = v as boolean;
          break;
        case 8:
          if (!(v instanceof Uint8Array)) failAt(at, "'vd' must be a byte string");
          r.vd = v as Uint8Array;
          break;
        case 'vlo': r.vlo = textOf(v, at, 'vlo'); break;
        default:
          if (typeof key === 'string' && key.endsWith('_')) failAt(at, `unsupported mandatory label '${key}'`);
          if (typeof key === 'number' && key < -255) failAt(at, `unsupported mandatory label ${key}`);
      }
    });
    return r;
  });
}

export function decodeSenmlCbor(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  return guard(FORMAT, () => recordsToNodes(payload.length === 0 ? [] : readSenmlCborRecords(payload), context, FORMAT, where));
}

export function decodeSenmlCborPaths(payload: Uint8Array): DecodeResult<string[]> {
  return guard(FORMAT, () => recordsToPaths(readSenmlCborRecords(payload), FORMAT, where));
}

export interface SenmlCborWriteOptions {
  readonly floatWidth?: FloatWidth;
  /** Write bt as a tag-4 decimal fraction, as Leshan does. */
  readonly decimalTime?: boolean;
}

function writeNumber(w: CborWriter, n: SenmlNumber, floatWidth: FloatWidth, decimal = false): void {
  if ('int' in n) {
    if (decimal) w.tag(4).arrayHeader(2).integer(0).integer(n.int);
    else w.integer(n.int);
  } else w.float(n.float, floatWidth);
}

export function writeSenmlCborRecords(records: readonly SenmlRecord[], options: SenmlCborWriteOptions = {}): Uint8Array {
  const w = new CborWriter();
  const fw = options.floatWidth ?? 'shortest';
  w.arrayHeader(records.length);
  for (const r of records) {
    const keys = ['bn', 'bt', 'n', 't', 'v', 'vs', 'vb', 'vd', 'vlo'].filter((k) => r[k as keyof SenmlRecord] !== undefined);
    w.mapHeader(keys.length);
    if (r.bn !== undefined) w.integer(-2).text(r.bn);
    if (r.bt !== undefined) writeNumber(w.integer(-3), r.bt, fw, options.decimalTime === true);
    if (r.n !== undefined) w.integer(0).text(r.n);
    if (r.t !== undefined) writeNumber(w.integer(6), r.t, fw);
    if (r.v !== undefined) writeNumber(w.integer(2), r.v, fw);
    if (r.vs !== undefined) w.integer(3).text(r.vs);
    if (r.vb !== undefined) w.integer(4).boolean(r.vb);
    if (r.vd !== undefined) w.integer(8).bytes(r.vd);
    if (r.vlo !== undefined) w.text('vlo').text(r.vlo);
  }
  return w.finish();
}

export function encodeSenmlCbor(nodes: readonly LwM2mNode[], options: SenmlEncodeOptions = {}): Uint8Array {
  return writeSenmlCborRecords(nodesToRecords(nodes, options), {
    floatWidth: options.floatWidth ?? 'shortest',
    decimalTime: options.senmlDecimalTime === true,
  });
}

export function encodeSenmlCborPaths(paths: readonly string[]): Uint8Array {
  const w = new CborWriter().arrayHeader(paths.length);
  for (const p of paths) w.mapHeader(1).integer(0).text(p);
  return w.finish();
}

export const senmlCborCodec: ContentFormatCodec = {
  number: 112,
  name: 'senml-cbor',
  mediaType: 'application/senml+cbor',
  decode: decodeSenmlCbor,
  encode: encodeSenmlCbor,
};
