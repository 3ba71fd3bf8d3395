// A growing output buffer for the binary encoders: values are written in place, so encoding
// allocates one buffer (doubled as needed) instead of a small array per value and per level.

import { copyBytes } from './bytes.ts';

const utf8Encoder = new TextEncoder();

export class ByteWriter {
  buf: Uint8Array;
  len = 0;
  private view: DataView;

  /** `capacity`: the expected size, when the caller can tell. */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(Math.max(64, capacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** Room for n more bytes. */
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    copyBytes(this.buf, this.len, b);
    this.len += b.length;
  }

  /** Big-endian unsigned integer in `width` bytes (1, 2, 3 or 4). */
  uint(v: number, width: number): void {
    this.ensure(width);
    const buf = this.buf;
    for (let k = width - 1; k >= 0; k--) buf[this.len++] = (v >>> (8 * k)) & 0xff;
  }

  /** A safe integer as 8 bytes of big-endian two's complement, without bigint. */
  int64(v: number): void {
    const hi = Math.floor(v / 0x100000000);
    this.uint(hi >>> 0, 4);
    this.uint(v - hi * 0x100000000, 4);
  }

  float32(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.len, v);
    this.len += 4;
  }

  float64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.len, v);
    this.len += 8;
  }

  /** Text already known to be ASCII, one byte per character. */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let at = this.len;
    for (let k = 0; k < n; k++) buf[at++] = s.charCodeAt(k);
    this.len = at;
  }

  /** Moves bytes [from, len) up by `gap` bytes, opening room for a header in front of them. */
  openGap(from: number, gap: number): void {
    this.ensure(gap);
    this.buf.copyWithin(from + gap, from, this.len);
    this.len += gap;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Whether every character of s is ASCII (so its UTF-8 is one byte per character). */
export function isAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 0x7f) return false;
  return true;
}

/** UTF-8 bytes of s (for text that is not all ASCII). */
export function utf8Bytes(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}
