// Reading CBOR that checkCborItem (check.ts) has accepted: no bounds or well-formedness checks
// are left to do, so the common scalars (small integers, floats, definite strings, booleans) are
// read in place, and containers are walked by the caller from their heads. Anything else goes
// through CborReader, which returns exactly what CborReader.read would.

import { float32At, float64At, uint32At, utf8Range } from '../byte-range.ts';
import { CborFloat, CborReader, halfToNumber, type CborValue } from './reader.ts';

/** A walk over input that checkCborItem accepted: no bounds or well-formedness checks needed. */
export class CheckedCbor {
  p = 0;
  private generic: CborReader | undefined;
  /**
   * A copy of the input, made at the first byte string: the byte strings read are views of it.
   * One allocation serves them all (an ArrayBuffer each cost more than the rest of a value's
   * decoding), and none shares memory with the caller's buffer.
   */
  private copy: Uint8Array | undefined;

  constructor(readonly bytes: Uint8Array, private readonly format: string) {}

  /** Argument of the head at p (an integer below 2^32, or a definite length); moves p past it. */
  count(): number {
    const b = this.bytes;
    const ai = (b[this.p] as number) & 31;
    const p = this.p + 1;
    if (ai < 24) {
      this.p = p;
      return ai;
    }
    if (ai === 24) {
      this.p = p + 1;
      return b[p] as number;
    }
    if (ai === 25) {
      this.p = p + 2;
      return ((b[p] as number) << 8) | (b[p + 1] as number);
    }
    if (ai === 26) {
      this.p = p + 4;
      return uint32At(b, p);
    }
    // ai 27: the check bounded the length by the input size, so the high word is 0.
    this.p = p + 8;
    return uint32At(b, p + 4);
  }

  /** The item at p as CborReader.read would return it; moves p past it. */
  value(): CborValue {
    const b = this.bytes;
    const ib = b[this.p] as number;
    const major = ib >> 5;
    const ai = ib & 31;
    if (major === 0 && ai < 27) return this.count();
    if (major === 1 && ai < 27) return -1 - this.count();
    if ((major === 3 || major === 2) && ai !== 31) {
      const n = this.count();
      const start = this.p;
      this.p = start + n;
      return major === 3 ? (utf8Range(b, start, start + n) as string) : (this.copy ??= b.slice()).subarray(start, start + n);
    }
    if (major === 7) {
      const p = this.p + 1;
      switch (ai) {
        case 20:
          this.p = p;
          return false;
        case 21:
          this.p = p;
          return true;
        case 25:
          this.p = p + 2;
          return new CborFloat(halfToNumber(((b[p] as number) << 8) | (b[p + 1] as number)), 2);
        case 26:
          this.p = p + 4;
          return new CborFloat(float32At(b, p), 4);
        case 27:
          this.p = p + 8;
          return new CborFloat(float64At(b, p), 8);
      }
    }
    const reader = (this.generic ??= new CborReader(b, this.format));
    reader.pos = this.p;
    const v = reader.read();
    this.p = reader.pos;
    return v;
  }

  /** Opens the array or map whose head is at p: its item (pair) count, or -1 when indefinite. */
  open(): number {
    if (((this.bytes[this.p] as number) & 31) === 31) {
      this.p++;
      return -1;
    }
    return this.count();
  }

  /** After item k of a container opened with `count`: whether another item follows. */
  more(count: number, k: number): boolean {
    return count < 0 ? this.bytes[this.p] !== 0xff : k < count;
  }

  /** Moves past the end of a container opened with `count` (its break code, if indefinite). */
  close(count: number): void {
    if (count < 0) this.p++;
  }

  /** Major type of the item at p. */
  major(): number {
    return (this.bytes[this.p] as number) >> 5;
  }
}
