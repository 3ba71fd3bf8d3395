// Reading SenML CBOR (RFC 8428 §6) into SenML records, fast: the payload is first checked for
// well-formedness as a whole (cbor/check.ts, so errors keep CborReader's order), then the
// array of record maps is walked by hand. Common scalars (small integers, floats, definite
// strings, booleans) are read in place; anything else goes through CborReader.

import { checkCborItem } from '../cbor/check.ts';
import { CheckedCbor } from '../cbor/checked.ts';
import { CborFloat, CborTag, cborInteger, type CborValue } from '../cbor/reader.ts';
import { DecodeFailure } from '../decode-error.ts';
import type { SenmlNumber, SenmlRecord } from './senml.ts';

const FORMAT = 'senml-cbor';

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

/**
 * The records of a SenML CBOR payload; throws DecodeFailure (offsets as CborReader gives them).
 * `dense` gives every record all fields (absent ones undefined): one object shape keeps the
 * decoder's property reads fast; the default keeps only the labels present.
 */
export function readSenmlCborRecords(payload: Uint8Array, dense = false): SenmlRecord[] {
  const end = checkCborItem(payload, 0, FORMAT);
  if (end < payload.length) failAt(end, 'trailing bytes after the SenML array');
  if ((payload[0] as number) >> 5 !== 4) return failAt(0, 'SenML CBOR must be an array of records');
  const cbor = new CheckedCbor(payload, FORMAT);
  const out: SenmlRecord[] = [];
  const n = cbor.open();
  for (let k = 0; cbor.more(n, k); k++) {
    const at = cbor.p;
    if (cbor.major() !== 5) return failAt(0, 'each SenML record must be a map');
    out.push(readRecord(cbor, at, dense));
  }
  return out;
}

function readRecord(cbor: CheckedCbor, at: number, dense: boolean): SenmlRecord {
  const r: SenmlRecord = dense
    ? { bn: undefined, bt: undefined, n: undefined, t: undefined, v: undefined, vs: undefined, vb: undefined, vd: undefined, vlo: undefined, vText: undefined, at }
    : { at };
  const n = cbor.open();
  let seen = 0; // one bit per known label; other labels are ignored anyway
  for (let k = 0; cbor.more(n, k); k++) {
    const keyAt = cbor.p;
    const key = cbor.value();
    if (typeof key !== 'number' && typeof key !== 'string') failAt(keyAt, 'record label must be an integer or text');
    const bit = typeof key === 'number' ? (key >= -3 && key <= 8 ? 1 << (key + 3) : 0) : key === 'vlo' ? 1 << 12 : 0;
    if (seen & bit) failAt(keyAt, `label ${String(key)} appears twice in a record`);
    seen |= bit;
    const v = cbor.value();
    switch (key) {
      case -2: r.bn = textOf(v, keyAt, 'bn'); break;
      case -3: r.bt = numberOf(v, keyAt, 'bt'); break;
      case 0: r.n = textOf(v, keyAt, 'n'); break;
      case 6: r.t = numberOf(v, keyAt, 't'); break;
      case 2:
        if (typeof v === 'string') r.vText = v;
        else r.v = numberOf(v, keyAt, 'v');
        break;
      case 3: r.vs = textOf(v, keyAt, 'vs'); break;
      case 4:
        if (typeof v !== 'boolean') failAt(keyAt, "'vb' must be true or false");
        r.vb = v as boolean;
        break;
      case 8:
        if (!(v instanceof Uint8Array)) failAt(keyAt, "'vd' must be a byte string");
        r.vd = v as Uint8Array;
        break;
      case 'vlo': r.vlo = textOf(v, keyAt, 'vlo'); break;
      default:
        if (typeof key === 'string' && key.endsWith('_')) failAt(keyAt, `unsupported mandatory label '${key}'`);
        if (typeof key === 'number' && key < -255) failAt(keyAt, `unsupported mandatory label ${key}`);
    }
  }
  cbor.close(n);
  return r;
}
