// SenML CBOR (content-format 112, RFC 8428 §6) for LwM2M (Core §7.4.5): integer labels
// bn -2, bt -3, n 0, v 2, vs 3, vb 4, vd 8, t 6, and the text label "vlo" for object links.

import { guard, type DecodeResult } from '../decode-error.ts';
import { CborWriter } from '../cbor/writer.ts';
import type { LwM2mNode } from '../node.ts';
import type { ContentFormatCodec, DecodeContext, FloatWidth } from './codec.ts';
import { forEachRecord, recordsToNodes, recordsToPaths, type SenmlEncodeOptions, type SenmlOutNumber, type SenmlOutRecord, type SenmlRecord } from './senml.ts';
import { readSenmlCborRecords as readRecords } from './senml-cbor-read.ts';
import { decodeSenmlCborFast } from './senml-cbor-fast.ts';

const FORMAT = 'senml-cbor';
const where = (at: number) => ({ offset: at });

/** The records of a SenML CBOR payload, with only the labels present; throws DecodeFailure. */
export function readSenmlCborRecords(payload: Uint8Array): SenmlRecord[] {
  return readRecords(payload);
}

export function decodeSenmlCbor(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  const fast = decodeSenmlCborFast(payload, context);
  if (fast !== undefined) return { ok: true, value: fast };
  return guard(FORMAT, () => recordsToNodes(payload.length === 0 ? [] : readRecords(payload, true), context, FORMAT, where));
}

export function decodeSenmlCborPaths(payload: Uint8Array): DecodeResult<string[]> {
  return guard(FORMAT, () => recordsToPaths(readSenmlCborRecords(payload), FORMAT, where));
}

export interface SenmlCborWriteOptions {
  readonly floatWidth?: FloatWidth;
  /** Write bt as a tag-4 decimal fraction, as Leshan does. */
  readonly decimalTime?: boolean;
}

function writeNumber(w: CborWriter, n: SenmlOutNumber, floatWidth: FloatWidth, decimal = false): void {
  if ('int' in n) {
    if (decimal) w.tag(4).arrayHeader(2).integer(0).integer(n.int);
    else w.integer(n.int);
  } else w.float(n.float, floatWidth);
}

function writeRecord(w: CborWriter, r: SenmlOutRecord, floatWidth: FloatWidth, decimalTime: boolean): void {
  const labels =
    (r.bn !== undefined ? 1 : 0) + (r.bt !== undefined ? 1 : 0) + (r.n !== undefined ? 1 : 0) + (r.t !== undefined ? 1 : 0) + (r.v !== undefined ? 1 : 0) +
    (r.vs !== undefined ? 1 : 0) + (r.vb !== undefined ? 1 : 0) + (r.vd !== undefined ? 1 : 0) + (r.vlo !== undefined ? 1 : 0);
  w.mapHeader(labels);
  if (r.bn !== undefined) w.integer(-2).text(r.bn);
  if (r.bt !== undefined) writeNumber(w.integer(-3), r.bt, floatWidth, decimalTime);
  if (r.n !== undefined) w.integer(0).text(r.n);
  if (r.t !== undefined) writeNumber(w.integer(6), r.t, floatWidth);
  if (r.v !== undefined) writeNumber(w.integer(2), r.v, floatWidth);
  if (r.vs !== undefined) w.integer(3).text(r.vs);
  if (r.vb !== undefined) w.integer(4).boolean(r.vb);
  if (r.vd !== undefined) w.integer(8).bytes(r.vd);
  if (r.vlo !== undefined) w.text('vlo').text(r.vlo);
}

export function writeSenmlCborRecords(records: readonly SenmlRecord[], options: SenmlCborWriteOptions = {}): Uint8Array {
  const w = new CborWriter();
  const fw = options.floatWidth ?? 'shortest';
  w.arrayHeader(records.length);
  for (const r of records) writeRecord(w, r, fw, options.decimalTime === true);
  return w.finish();
}

export function encodeSenmlCbor(nodes: readonly LwM2mNode[], options: SenmlEncodeOptions = {}): Uint8Array {
  const fw = options.floatWidth ?? 'shortest';
  const decimalTime = options.senmlDecimalTime === true;
  // One record per node, each written as it is made; about 16 bytes per record.
  const w = new CborWriter(16 * nodes.length);
  w.arrayHeader(nodes.length);
  forEachRecord(nodes, options, (r) => writeRecord(w, r, fw, decimalTime));
  return w.finish();
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
