// The raw OMA-TLV layer (Core §7.4.3): records with type, id and value or children, without any
// LwM2M model. Type byte: bits 7-6 identifier type, bit 5 id width, bits 4-3 length width,
// bits 2-0 the length itself when bits 4-3 are 00.

import { concatBytes } from '../bytes.ts';
import { DecodeFailure, guard, type DecodeResult } from '../decode-error.ts';
import { EncodeError } from './codec.ts';

export type TlvKind = 'OBJECT_INSTANCE' | 'RESOURCE_INSTANCE' | 'MULTIPLE_RESOURCE' | 'RESOURCE_VALUE';

export interface TlvRecord {
  readonly kind: TlvKind;
  readonly id: number;
  /** Value bytes (RESOURCE_VALUE, RESOURCE_INSTANCE). */
  readonly value?: Uint8Array;
  /** Nested records (OBJECT_INSTANCE, MULTIPLE_RESOURCE). */
  readonly children?: TlvRecord[];
  /** Byte offset of the record's type byte. */
  readonly offset: number;
}

/** A record to encode: no offset, children or value. */
export interface TlvTree {
  readonly kind: TlvKind;
  readonly id: number;
  readonly value?: Uint8Array;
  readonly children?: readonly TlvTree[];
}

const KINDS: readonly TlvKind[] = ['OBJECT_INSTANCE', 'RESOURCE_INSTANCE', 'MULTIPLE_RESOURCE', 'RESOURCE_VALUE'];
const FORMAT = 'tlv';

function failAt(offset: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, offset, reason });
}

/** Parses records in bytes[start, end); nested levels are checked for the kinds they may hold. */
export function readTlvRecords(bytes: Uint8Array, start: number, end: number, parent?: TlvKind): TlvRecord[] {
  const out: TlvRecord[] = [];
  let p = start;
  while (p < end) {
    const at = p;
    const typeByte = bytes[p++] as number;
    const kind = KINDS[typeByte >> 6] as TlvKind;
    const idBytes = typeByte & 0x20 ? 2 : 1;
    const lengthType = (typeByte >> 3) & 3;
    if (end - p < idBytes + lengthType) failAt(at, 'truncated TLV header');
    const id = idBytes === 2 ? ((bytes[p] as number) << 8) | (bytes[p + 1] as number) : (bytes[p] as number);
    p += idBytes;
    let length = typeByte & 7;
    if (lengthType > 0) {
      length = 0;
      for (let k = 0; k < lengthType; k++) length = (length << 8) | (bytes[p++] as number);
    }
    if (length > end - p) failAt(at, `TLV length ${length} exceeds the remaining ${end - p} bytes`);
    if (parent === 'OBJECT_INSTANCE' && (kind === 'OBJECT_INSTANCE' || kind === 'RESOURCE_INSTANCE')) {
      failAt(at, `${kind} inside an object instance`);
    }
    if (parent === 'MULTIPLE_RESOURCE' && kind !== 'RESOURCE_INSTANCE') failAt(at, `${kind} inside a multiple resource`);
    if (kind === 'OBJECT_INSTANCE' || kind === 'MULTIPLE_RESOURCE') {
      out.push({ kind, id, children: readTlvRecords(bytes, p, p + length, kind), offset: at });
    } else {
      out.push({ kind, id, value: bytes.subarray(p, p + length), offset: at });
    }
    p += length;
  }
  return out;
}

/**
 * Checks bytes[start, end) exactly as readTlvRecords does (same errors, same order) without
 * building records, so a decoder can then walk the input with readTlvHeader and no checks.
 * Nesting is at most object instance > multiple resource > resource instance.
 */
export function checkTlvStructure(bytes: Uint8Array, start: number, end: number, parent = -1): void {
  let p = start;
  while (p < end) {
    const at = p;
    const typeByte = bytes[p++] as number;
    const kind = typeByte >> 6;
    const idBytes = typeByte & 0x20 ? 2 : 1;
    const lengthType = (typeByte >> 3) & 3;
    if (end - p < idBytes + lengthType) failAt(at, 'truncated TLV header');
    p += idBytes;
    let length = typeByte & 7;
    if (lengthType > 0) {
      length = 0;
      for (let k = 0; k < lengthType; k++) length = (length << 8) | (bytes[p++] as number);
    }
    if (length > end - p) failAt(at, `TLV length ${length} exceeds the remaining ${end - p} bytes`);
    if (parent === TLV_OBJECT_INSTANCE && (kind === TLV_OBJECT_INSTANCE || kind === TLV_RESOURCE_INSTANCE)) {
      failAt(at, `${KINDS[kind] as TlvKind} inside an object instance`);
    }
    if (parent === TLV_MULTIPLE_RESOURCE && kind !== TLV_RESOURCE_INSTANCE) failAt(at, `${KINDS[kind] as TlvKind} inside a multiple resource`);
    if (kind === TLV_OBJECT_INSTANCE || kind === TLV_MULTIPLE_RESOURCE) checkTlvStructure(bytes, p, p + length, kind);
    p += length;
  }
}

/** Kind numbers as on the wire (type byte bits 7-6). */
export const TLV_OBJECT_INSTANCE = 0;
export const TLV_RESOURCE_INSTANCE = 1;
export const TLV_MULTIPLE_RESOURCE = 2;
export const TLV_RESOURCE_VALUE = 3;

/** One record header, reused while walking input that checkTlvStructure accepted. */
export class TlvHeader {
  kind = 0;
  id = 0;
  /** Offset of the type byte. */
  at = 0;
  /** Value or children: bytes[start, end). */
  start = 0;
  end = 0;

  /** Reads the header at `at` (input already checked); returns the offset of the next record. */
  read(bytes: Uint8Array, at: number): number {
    const typeByte = bytes[at] as number;
    let p = at + 1;
    this.at = at;
    this.kind = typeByte >> 6;
    if (typeByte & 0x20) {
      this.id = ((bytes[p] as number) << 8) | (bytes[p + 1] as number);
      p += 2;
    } else this.id = bytes[p++] as number;
    let length = typeByte & 7;
    const lengthType = (typeByte >> 3) & 3;
    if (lengthType > 0) {
      length = 0;
      for (let k = 0; k < lengthType; k++) length = (length << 8) | (bytes[p++] as number);
    }
    this.start = p;
    this.end = p + length;
    return this.end;
  }
}

export function decodeTlvRecords(bytes: Uint8Array): DecodeResult<TlvRecord[]> {
  return guard(FORMAT, () => readTlvRecords(bytes, 0, bytes.length));
}

export function tlvHeader(kind: TlvKind, id: number, length: number): Uint8Array {
  if (!Number.isInteger(id) || id < 0 || id > 65535) throw new EncodeError(FORMAT, `id ${id} outside 0..65535`);
  if (length > 0xffffff) throw new EncodeError(FORMAT, `value of ${length} bytes exceeds the 24-bit TLV length`);
  const idBytes = id > 255 ? 2 : 1;
  const lengthBytes = length < 8 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
  const out = new Uint8Array(1 + idBytes + lengthBytes);
  out[0] = (KINDS.indexOf(kind) << 6) | (idBytes === 2 ? 0x20 : 0) | (lengthBytes << 3) | (lengthBytes === 0 ? length : 0);
  let p = 1;
  if (idBytes === 2) out[p++] = id >> 8;
  out[p++] = id & 0xff;
  for (let k = lengthBytes - 1; k >= 0; k--) out[p++] = (length >> (8 * k)) & 0xff;
  return out;
}

/** Serializes records (children or value); lengths are computed, never taken from the input. */
export function encodeTlvRecords(records: readonly TlvTree[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const r of records) {
    const body = r.children !== undefined ? encodeTlvRecords(r.children) : (r.value ?? new Uint8Array(0));
    parts.push(tlvHeader(r.kind, r.id, body.length), body);
  }
  return concatBytes(parts);
}
