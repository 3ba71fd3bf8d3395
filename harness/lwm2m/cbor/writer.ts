// A small CBOR writer (RFC 8949) for the LwM2M CBOR-based formats: preferred (shortest)
// integer arguments, a chosen float width, definite lengths, map keys in the caller's order.

import { copyBytes } from '../bytes.ts';
import type { FloatWidth } from '../formats/codec.ts';

const utf8Encoder = new TextEncoder();

/**
 * A buffer whose bytes the writer overwrites before anyone reads them: not zero-filled, and
 * below 4 KiB a slice of Node's shared pool rather than memory of its own, so an encode of a
 * small payload allocates almost nothing outside the JS heap. A plain Uint8Array view.
 */
function unfilled(size: number): Uint8Array {
  const pooled = Buffer.allocUnsafe(size);
  return new Uint8Array(pooled.buffer, pooled.byteOffset, size);
}

export class CborWriter {
  private buf: Uint8Array;
  private len = 0;
  /** A view of buf for floats, made once per buffer rather than per value. */
  private view: DataView;

  /** `capacity`: the expected size, when the caller can tell (growing copies what is written). */
  constructor(capacity = 256) {
    this.buf = unfilled(Math.max(64, capacity));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = unfilled(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.length);
  }

  private head(major: number, arg: number | bigint): void {
    const m = major << 5;
    if (typeof arg === 'number' && arg < 24) {
      this.ensure(1);
      this.buf[this.len++] = m | arg;
    } else if (typeof arg === 'number' && arg < 0x100) {
      this.ensure(2);
      this.buf[this.len++] = m | 24;
      this.buf[this.len++] = arg;
    } else if (typeof arg === 'number' && arg < 0x10000) {
      this.ensure(3);
      this.buf[this.len++] = m | 25;
      this.buf[this.len++] = arg >> 8;
      this.buf[this.len++] = arg & 0xff;
    } else if (typeof arg === 'number' && arg < 0x100000000) {
      this.ensure(5);
      this.buf[this.len++] = m | 26;
      this.buf[this.len++] = (arg >>> 24) & 0xff;
      this.buf[this.len++] = (arg >>> 16) & 0xff;
      this.buf[this.len++] = (arg >>> 8) & 0xff;
      this.buf[this.len++] = arg & 0xff;
    } else {
      const b = BigInt(arg);
      if (b < 0x100000000n) return this.head(major, Number(b));
      this.ensure(9);
      this.buf[this.len++] = m | 27;
      for (let shift = 56n; shift >= 0n; shift -= 8n) this.buf[this.len++] = Number((b >> shift) & 0xffn);
    }
  }

  integer(v: number | bigint): this {
    // Values come as bigint from exact sources; most fit a number, whose path is cheaper.
    if (typeof v === 'bigint' && v >= -0x1fffffffffffffn && v <= 0x1fffffffffffffn) v = Number(v);
    if (typeof v === 'number') {
      if (v >= 0) this.head(0, v);
      else this.head(1, -1 - v);
    } else if (v >= 0n) this.head(0, v);
    else this.head(1, -1n - v);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.head(2, b.length);
    this.raw(b);
    return this;
  }

  text(s: string): this {
    // Short ASCII text (names, ids, most values) is written in place; the rest is encoded.
    const n = s.length;
    if (n < 24) {
      let k = 0;
      while (k < n && s.charCodeAt(k) < 0x80) k++;
      if (k === n) {
        this.ensure(1 + n);
        const buf = this.buf;
        let at = this.len;
        buf[at++] = 0x60 | n;
        for (k = 0; k < n; k++) buf[at++] = s.charCodeAt(k);
        this.len = at;
        return this;
      }
    }
    return this.textBytes(utf8Encoder.encode(s));
  }

  textBytes(b: Uint8Array): this {
    this.head(3, b.length);
    this.raw(b);
    return this;
  }

  arrayHeader(n: number): this {
    this.head(4, n);
    return this;
  }

  mapHeader(n: number): this {
    this.head(5, n);
    return this;
  }

  tag(n: number): this {
    this.head(6, n);
    return this;
  }

  boolean(v: boolean): this {
    this.ensure(1);
    this.buf[this.len++] = v ? 0xf5 : 0xf4;
    return this;
  }

  null(): this {
    this.ensure(1);
    this.buf[this.len++] = 0xf6;
    return this;
  }

  float(v: number, width: FloatWidth = 'shortest'): this {
    // A half is also a single: a value that is no single needs no half check.
    const single = Object.is(Math.fround(v), v) || Number.isNaN(v);
    const half = width === 'shortest' && single ? numberToHalf(v) : undefined;
    if (half !== undefined) {
      this.ensure(3);
      this.buf[this.len++] = 0xf9;
      this.buf[this.len++] = half >> 8;
      this.buf[this.len++] = half & 0xff;
    } else if (width !== 'double' && single) {
      this.ensure(5);
      this.buf[this.len++] = 0xfa;
      this.view.setFloat32(this.len, v);
      this.len += 4;
    } else {
      this.ensure(9);
      this.buf[this.len++] = 0xfb;
      this.view.setFloat64(this.len, v);
      this.len += 8;
    }
    return this;
  }

  raw(b: Uint8Array): this {
    this.ensure(b.length);
    copyBytes(this.buf, this.len, b);
    this.len += b.length;
    return this;
  }

  /** The bytes written: a view of the writer's buffer, which the writer no longer touches. */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

// Float32 bits of a number, through one shared buffer: the half check reads exponent and
// mantissa bits instead of taking logarithms and powers per value.
const float32 = new Float32Array(1);
const float32Bits = new Uint32Array(float32.buffer);

/** The half-precision bits of v when v is exactly representable there, else undefined. */
export function numberToHalf(v: number): number | undefined {
  if (Number.isNaN(v)) return 0x7e00;
  if (Math.fround(v) !== v) return undefined;
  // Infinities, zeros and every half are singles: their bits say the rest.
  float32[0] = v;
  const bits = float32Bits[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00; // ±Infinity (NaN is handled above)
  if (exp === 0) return mant === 0 ? sign : undefined; // ±0; single subnormals are far below halves
  const e = exp - 127;
  if (e > 15 || e < -24) return undefined;
  if (e >= -14) return (mant & 0x1fff) === 0 ? sign | ((e + 15) << 10) | (mant >>> 13) : undefined;
  // Subnormal halves: multiples of 2^-24, i.e. the 24-bit significand shifted right by -(e + 1).
  const significand = 0x800000 | mant;
  const shift = -(e + 1);
  return (significand & ((1 << shift) - 1)) === 0 ? sign | (significand >>> shift) : undefined;
}
