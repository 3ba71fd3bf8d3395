// One resource value inside a TLV record (Core §7.4.3.1): integers signed big-endian in 1, 2, 4
// or 8 bytes (the encoder picks the smallest), floats 4 or 8, booleans 1 byte, objlnk 4 bytes.

import { float32At, float64At, uint32At, utf8Range } from '../byte-range.ts';
import type { ValueType } from '../model/types.ts';
import { compactInteger, toBigInt, type LwM2mValue, type ObjectLink } from '../value.ts';
import { EncodeError, type FloatWidth } from './codec.ts';
import { objectLinkBytes } from './objlnk.ts';

export type TlvValueResult = { ok: true; value: LwM2mValue } | { ok: false; reason: string };

/** Why a value's bytes do not fit its type; never a valid LwM2mValue, so callers test instanceof. */
export class TlvValueProblem {
  constructor(readonly reason: string) {}
}

function readInteger(b: Uint8Array, at: number, n: number, signed: boolean): number | bigint {
  if (n === 1) return signed ? ((b[at] as number) << 24) >> 24 : (b[at] as number);
  if (n === 2) {
    const v = ((b[at] as number) << 8) | (b[at + 1] as number);
    return signed ? (v << 16) >> 16 : v;
  }
  if (n === 4) {
    const v = ((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number);
    return signed ? v : v >>> 0;
  }
  const hi32 = ((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number);
  const lo = uint32At(b, at + 4);
  const hi = signed ? hi32 : hi32 >>> 0;
  // |hi| < 2^21 keeps hi * 2^32 + lo a safe integer: no bigint needed on the common path.
  if (hi > -0x200000 && hi < 0x200000) return hi * 0x100000000 + lo;
  return compactInteger((BigInt(hi) << 32n) | BigInt(lo));
}

/** The value in bytes[start, end) as `type`, or a TlvValueProblem; the range lies inside bytes. */
export function readTlvValue(bytes: Uint8Array, start: number, end: number, type: ValueType): LwM2mValue | TlvValueProblem {
  const n = end - start;
  switch (type) {
    case 'integer':
    case 'time':
    case 'unsigned':
      if (n !== 1 && n !== 2 && n !== 4 && n !== 8) return new TlvValueProblem(`${type} needs 1, 2, 4 or 8 bytes, got ${n}`);
      return readInteger(bytes, start, n, type !== 'unsigned');
    case 'float':
      if (n === 4) return float32At(bytes, start);
      if (n === 8) return float64At(bytes, start);
      return new TlvValueProblem(`float needs 4 or 8 bytes, got ${n}`);
    case 'boolean':
      if (n !== 1 || (bytes[start] as number) > 1) return new TlvValueProblem('boolean needs one byte 0 or 1');
      return bytes[start] === 1;
    case 'objlnk':
      if (n !== 4) return new TlvValueProblem(`objlnk needs 4 bytes, got ${n}`);
      return { objectId: ((bytes[start] as number) << 8) | (bytes[start + 1] as number), instanceId: ((bytes[start + 2] as number) << 8) | (bytes[start + 3] as number) };
    case 'string':
    case 'corelnk': {
      const text = utf8Range(bytes, start, end);
      return text === undefined ? new TlvValueProblem(`${type} is not valid UTF-8`) : text;
    }
    case 'opaque':
      return bytes.slice(start, end);
    case 'none':
      return n === 0 ? null : new TlvValueProblem('none carries no bytes');
  }
}

export function decodeTlvValue(bytes: Uint8Array, type: ValueType): TlvValueResult {
  const value = readTlvValue(bytes, 0, bytes.length, type);
  return value instanceof TlvValueProblem ? { ok: false, reason: value.reason } : { ok: true, value };
}

const utf8Encoder = new TextEncoder();

/** The smallest of 1, 2 or 4 bytes for a safe integer that fits there; else undefined. */
function smallIntegerBytes(v: number, signed: boolean): Uint8Array | undefined {
  if (signed ? v >= -0x80 && v < 0x80 : v >= 0 && v < 0x100) return new Uint8Array([v & 0xff]);
  if (signed ? v >= -0x8000 && v < 0x8000 : v >= 0 && v < 0x10000) return new Uint8Array([(v >> 8) & 0xff, v & 0xff]);
  if (signed ? v >= -0x80000000 && v < 0x80000000 : v >= 0 && v < 0x100000000) return new Uint8Array([(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
  return undefined;
}

function integerBytes(v: bigint, signed: boolean): Uint8Array {
  const widths = [1, 2, 4, 8];
  for (const w of widths) {
    const bits = BigInt(w * 8);
    const fits = signed ? v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n) : v >= 0n && v < 1n << bits;
    if (fits) {
      const out = new Uint8Array(w);
      let x = BigInt.asUintN(w * 8, v);
      for (let k = w - 1; k >= 0; k--) {
        out[k] = Number(x & 0xffn);
        x >>= 8n;
      }
      return out;
    }
  }
  throw new EncodeError('tlv', `integer ${v} does not fit in 8 bytes`);
}

export function encodeTlvValue(type: ValueType, value: LwM2mValue, floatWidth: FloatWidth = 'double'): Uint8Array {
  switch (type) {
    case 'integer':
    case 'time':
    case 'unsigned': {
      // Safe integers up to 4 bytes need no bigint; the rest take the general path.
      const small = typeof value === 'number' && Number.isInteger(value) ? smallIntegerBytes(value, type !== 'unsigned') : undefined;
      if (small !== undefined) return small;
      const b = toBigInt(value);
      if (b === undefined) throw new EncodeError('tlv', `${type} needs an integer`);
      return integerBytes(b, type !== 'unsigned');
    }
    case 'float': {
      const v = value as number;
      const single = floatWidth !== 'double' && (Object.is(Math.fround(v), v) || Number.isNaN(v));
      const out = new Uint8Array(single ? 4 : 8);
      if (single) new DataView(out.buffer).setFloat32(0, v);
      else new DataView(out.buffer).setFloat64(0, v);
      return out;
    }
    case 'boolean':
      return new Uint8Array([value ? 1 : 0]);
    case 'objlnk':
      return objectLinkBytes(value as ObjectLink);
    case 'string':
    case 'corelnk':
      return utf8Encoder.encode(value as string);
    case 'opaque':
      return (value as Uint8Array).slice();
    case 'none':
      return new Uint8Array(0);
  }
}
