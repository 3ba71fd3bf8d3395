// One resource value inside a TLV record (Core §7.4.3.1): integers signed big-endian in 1, 2, 4
// or 8 bytes (the encoder picks the smallest), floats 4 or 8, booleans 1 byte, objlnk 4 bytes.

import { fromUtf8 } from '../bytes.ts';
import type { ValueType } from '../model/types.ts';
import { compactInteger, toBigInt, type LwM2mValue, type ObjectLink } from '../value.ts';
import { EncodeError, type FloatWidth } from './codec.ts';
import { objectLinkBytes } from './objlnk.ts';

export type TlvValueResult = { ok: true; value: LwM2mValue } | { ok: false; reason: string };

function readInteger(b: Uint8Array, signed: boolean): number | bigint {
  const n = b.length;
  if (n === 1) return signed ? ((b[0] as number) << 24) >> 24 : (b[0] as number);
  if (n === 2) {
    const v = ((b[0] as number) << 8) | (b[1] as number);
    return signed ? (v << 16) >> 16 : v;
  }
  if (n === 4) {
    const v = ((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number);
    return signed ? v : v >>> 0;
  }
  const hi = ((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number);
  const lo = (((b[4] as number) << 24) | ((b[5] as number) << 16) | ((b[6] as number) << 8) | (b[7] as number)) >>> 0;
  const big = (BigInt(signed ? hi : hi >>> 0) << 32n) | BigInt(lo);
  return compactInteger(big);
}

export function decodeTlvValue(bytes: Uint8Array, type: ValueType): TlvValueResult {
  const n = bytes.length;
  switch (type) {
    case 'integer':
    case 'time':
    case 'unsigned':
      if (n !== 1 && n !== 2 && n !== 4 && n !== 8) return { ok: false, reason: `${type} needs 1, 2, 4 or 8 bytes, got ${n}` };
      return { ok: true, value: readInteger(bytes, type !== 'unsigned') };
    case 'float':
      if (n === 4) return { ok: true, value: new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0) };
      if (n === 8) return { ok: true, value: new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0) };
      return { ok: false, reason: `float needs 4 or 8 bytes, got ${n}` };
    case 'boolean':
      if (n !== 1 || (bytes[0] as number) > 1) return { ok: false, reason: 'boolean needs one byte 0 or 1' };
      return { ok: true, value: bytes[0] === 1 };
    case 'objlnk':
      if (n !== 4) return { ok: false, reason: `objlnk needs 4 bytes, got ${n}` };
      return {
        ok: true,
        value: { objectId: ((bytes[0] as number) << 8) | (bytes[1] as number), instanceId: ((bytes[2] as number) << 8) | (bytes[3] as number) },
      };
    case 'string':
    case 'corelnk': {
      const text = fromUtf8(bytes);
      return text === undefined ? { ok: false, reason: `${type} is not valid UTF-8` } : { ok: true, value: text };
    }
    case 'opaque':
      return { ok: true, value: bytes.slice() };
    case 'none':
      return n === 0 ? { ok: true, value: null } : { ok: false, reason: 'none carries no bytes' };
  }
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
      return new TextEncoder().encode(value as string);
    case 'opaque':
      return (value as Uint8Array).slice();
    case 'none':
      return new Uint8Array(0);
  }
}
