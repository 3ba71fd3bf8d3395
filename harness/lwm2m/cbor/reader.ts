// A small, total CBOR reader (RFC 8949) for the LwM2M CBOR-based formats. It keeps what the
// codecs must see and generic libraries hide: integer vs float, float width, definite vs
// indefinite maps, duplicate and non-text map keys, and byte offsets for errors. It checks every
// length against the remaining input before using it and bounds nesting depth.

import { DecodeFailure } from '../decode-error.ts';

export class CborFloat {
  constructor(readonly value: number, readonly width: 2 | 4 | 8) {}
}

export class CborTag {
  constructor(readonly tag: number | bigint, readonly value: CborValue, readonly offset: number) {}
}

export class CborMap {
  constructor(
    readonly entries: Array<[CborValue, CborValue]>,
    /** Offset of each key. */
    readonly keyOffsets: number[],
    readonly indefinite: boolean,
    readonly offset: number,
  ) {}
}

export class CborArray extends Array<CborValue> {}

export const CBOR_UNDEFINED: unique symbol = Symbol('cbor-undefined');

export class CborSimple {
  constructor(readonly value: number) {}
}

/** Integers are number when safe, else bigint (negatives down to -2^64). */
export type CborValue =
  | number
  | bigint
  | string
  | Uint8Array
  | boolean
  | null
  | typeof CBOR_UNDEFINED
  | CborFloat
  | CborTag
  | CborMap
  | CborSimple
  | CborValue[];

const MAX_DEPTH = 64;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class CborReader {
  pos = 0;
  private depth = 0;

  constructor(readonly bytes: Uint8Array, readonly format: string) {}

  fail(reason: string, offset = this.pos): never {
    throw new DecodeFailure({ format: this.format, offset, reason });
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  private byte(): number {
    if (this.pos >= this.bytes.length) this.fail('unexpected end of input');
    return this.bytes[this.pos++] as number;
  }

  /** Reads the argument of an initial byte; returns -1 for indefinite (ai 31). */
  private argument(ai: number, start: number): number | bigint {
    if (ai < 24) return ai;
    const b = this.bytes;
    const p = this.pos;
    switch (ai) {
      case 24:
        if (this.remaining < 1) this.fail('truncated argument', start);
        this.pos += 1;
        return b[p] as number;
      case 25:
        if (this.remaining < 2) this.fail('truncated argument', start);
        this.pos += 2;
        return ((b[p] as number) << 8) | (b[p + 1] as number);
      case 26:
        if (this.remaining < 4) this.fail('truncated argument', start);
        this.pos += 4;
        return (((b[p] as number) << 24) >>> 0) + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number));
      case 27: {
        if (this.remaining < 8) this.fail('truncated argument', start);
        this.pos += 8;
        const hi = (((b[p] as number) << 24) >>> 0) + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number));
        const lo = (((b[p + 4] as number) << 24) >>> 0) + (((b[p + 5] as number) << 16) | ((b[p + 6] as number) << 8) | (b[p + 7] as number));
        if (hi < 0x200000) return hi * 0x100000000 + lo;
        return (BigInt(hi) << 32n) | BigInt(lo);
      }
      case 31:
        return -1;
      default:
        return this.fail(`reserved additional information ${ai} (not well-formed)`, start);
    }
  }

  private length(arg: number | bigint, start: number, perItem: number): number {
    if (typeof arg === 'bigint' || arg > this.remaining / perItem) this.fail(`length ${arg} exceeds the remaining ${this.remaining} bytes`, start);
    return arg as number;
  }

  /** True when the next byte is the break code (0xff). */
  peekBreak(): boolean {
    return this.bytes[this.pos] === 0xff;
  }

  read(): CborValue {
    const start = this.pos;
    const ib = this.byte();
    const major = ib >> 5;
    const ai = ib & 31;
    if (ib === 0xff) this.fail('unexpected break code', start);
    switch (major) {
      case 0: {
        const arg = this.argument(ai, start);
        if (arg === -1) this.fail('indefinite length on an integer (not well-formed)', start);
        return arg;
      }
      case 1: {
        const arg = this.argument(ai, start);
        if (arg === -1) this.fail('indefinite length on an integer (not well-formed)', start);
        if (typeof arg === 'number') {
          const v = -1 - arg;
          return Number.isSafeInteger(v) ? v : -1n - BigInt(arg);
        }
        return -1n - arg;
      }
      case 2:
      case 3:
        return this.readString(major, ai, start);
      case 4: {
        const arg = this.argument(ai, start);
        return this.nested(() => {
          const out: CborValue[] = [];
          if (arg === -1) {
            while (!this.peekBreak()) out.push(this.read());
            this.pos++;
          } else {
            const n = this.length(arg, start, 1);
            for (let k = 0; k < n; k++) out.push(this.read());
          }
          return out;
        }, start);
      }
      case 5: {
        const arg = this.argument(ai, start);
        return this.nested(() => {
          const entries: Array<[CborValue, CborValue]> = [];
          const offsets: number[] = [];
          if (arg === -1) {
            while (!this.peekBreak()) {
              offsets.push(this.pos);
              const key = this.read();
              if (this.peekBreak()) this.fail('break where a map value is expected');
              entries.push([key, this.read()]);
            }
            this.pos++;
          } else {
            const n = this.length(arg, start, 2);
            for (let k = 0; k < n; k++) {
              offsets.push(this.pos);
              const key = this.read();
              entries.push([key, this.read()]);
            }
          }
          return new CborMap(entries, offsets, arg === -1, start);
        }, start);
      }
      case 6: {
        const arg = this.argument(ai, start);
        if (arg === -1) this.fail('indefinite length on a tag (not well-formed)', start);
        return this.nested(() => new CborTag(arg, this.read(), start), start);
      }
      default:
        return this.readSimple(ai, start);
    }
  }

  private nested<T>(body: () => T, start: number): T {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`, start);
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  private readString(major: number, ai: number, start: number): string | Uint8Array {
    const arg = this.argument(ai, start);
    let bytes: Uint8Array;
    if (arg === -1) {
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        if (this.atEnd()) this.fail('indefinite string without break', start);
        if (this.peekBreak()) {
          this.pos++;
          break;
        }
        const chunkStart = this.pos;
        const ib = this.byte();
        if (ib >> 5 !== major || (ib & 31) === 31) this.fail('indefinite string chunk of another type', chunkStart);
        const n = this.length(this.argument(ib & 31, chunkStart), chunkStart, 1);
        chunks.push(this.bytes.subarray(this.pos, this.pos + n));
        this.pos += n;
        total += n;
      }
      bytes = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
    } else {
      const n = this.length(arg, start, 1);
      bytes = this.bytes.subarray(this.pos, this.pos + n);
      this.pos += n;
    }
    if (major === 2) return bytes.slice();
    try {
      return utf8.decode(bytes);
    } catch {
      return this.fail('text string is not valid UTF-8', start);
    }
  }

  private readSimple(ai: number, start: number): CborValue {
    const b = this.bytes;
    switch (ai) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return CBOR_UNDEFINED;
      case 24: {
        const v = this.byte();
        if (v < 32) this.fail('two-byte simple value below 32 (not well-formed)', start);
        return new CborSimple(v);
      }
      case 25: {
        if (this.remaining < 2) this.fail('truncated half float', start);
        const v = halfToNumber(((b[this.pos] as number) << 8) | (b[this.pos + 1] as number));
        this.pos += 2;
        return new CborFloat(v, 2);
      }
      case 26: {
        if (this.remaining < 4) this.fail('truncated single float', start);
        const v = new DataView(b.buffer, b.byteOffset + this.pos, 4).getFloat32(0);
        this.pos += 4;
        return new CborFloat(v, 4);
      }
      case 27: {
        if (this.remaining < 8) this.fail('truncated double float', start);
        const v = new DataView(b.buffer, b.byteOffset + this.pos, 8).getFloat64(0);
        this.pos += 8;
        return new CborFloat(v, 8);
      }
      case 28:
      case 29:
      case 30:
        return this.fail(`reserved additional information ${ai} (not well-formed)`, start);
      case 31:
        return this.fail('unexpected break code', start);
      default:
        return new CborSimple(ai);
    }
  }
}

/** 2 ** (e - 15) for the 5-bit exponent e of a half float: a table beats Math.pow per value. */
const HALF_SCALE = Array.from({ length: 32 }, (_, e) => 2 ** (e - 15));

export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * (HALF_SCALE[exp] as number);
}

/** Reads exactly one data item covering the whole input. */
export function readCborItem(bytes: Uint8Array, format: string): CborValue {
  const reader = new CborReader(bytes, format);
  if (reader.atEnd()) reader.fail('empty payload');
  const value = reader.read();
  if (!reader.atEnd()) reader.fail(`${reader.remaining} trailing bytes after the data item`);
  return value;
}

/** Exact integer of a CBOR integer item as bigint, or undefined for anything else. */
export function cborInteger(v: CborValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  return undefined;
}
