// Well-formedness check of one CBOR data item without building it: the same errors, offsets and
// order as CborReader.read (reader.ts), so a decoder can check a whole payload first and then
// read it with a fast path that needs no checks. Text strings are checked to be valid UTF-8;
// nothing is allocated except for indefinite-length text, which is rare.

import { DecodeFailure } from '../decode-error.ts';

const MAX_DEPTH = 64;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Checks the item at `pos` (nested `depth` levels deep); returns the offset after it. */
export function checkCborItem(bytes: Uint8Array, pos: number, format: string, depth = 0): number {
  return new CborCheck(bytes, format).item(pos, depth);
}

class CborCheck {
  /** Position after the last argument read. */
  private p = 0;

  constructor(private readonly bytes: Uint8Array, private readonly format: string) {}

  private fail(reason: string, offset: number): never {
    throw new DecodeFailure({ format: this.format, offset, reason });
  }

  /** Reads the argument after the initial byte at `start` (ai given); -1 for indefinite. */
  private argument(ai: number, start: number): number {
    const b = this.bytes;
    const p = start + 1;
    const remaining = b.length - p;
    if (ai < 24) {
      this.p = p;
      return ai;
    }
    switch (ai) {
      case 24:
        if (remaining < 1) this.fail('truncated argument', start);
        this.p = p + 1;
        return b[p] as number;
      case 25:
        if (remaining < 2) this.fail('truncated argument', start);
        this.p = p + 2;
        return ((b[p] as number) << 8) | (b[p + 1] as number);
      case 26:
        if (remaining < 4) this.fail('truncated argument', start);
        this.p = p + 4;
        return (((b[p] as number) << 24) >>> 0) + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number));
      case 27: {
        if (remaining < 8) this.fail('truncated argument', start);
        this.p = p + 8;
        const hi = (((b[p] as number) << 24) >>> 0) + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number));
        const lo = (((b[p + 4] as number) << 24) >>> 0) + (((b[p + 5] as number) << 16) | ((b[p + 6] as number) << 8) | (b[p + 7] as number));
        // Exact below 2^53; above, only "too long" matters, and the message needs the exact value.
        return hi < 0x200000 ? hi * 0x100000000 + lo : Number.POSITIVE_INFINITY;
      }
      case 31:
        this.p = p;
        return -1;
      default:
        return this.fail(`reserved additional information ${ai} (not well-formed)`, start);
    }
  }

  /** A definite length checked against what is left after the argument (CborReader.length). */
  private length(arg: number, start: number, perItem: number): number {
    const remaining = this.bytes.length - this.p;
    if (arg > remaining / perItem) this.fail(`length ${arg === Number.POSITIVE_INFINITY ? bigArgument(this.bytes, start) : arg} exceeds the remaining ${remaining} bytes`, start);
    return arg;
  }

  item(start: number, depth: number): number {
    const b = this.bytes;
    if (start >= b.length) this.fail('unexpected end of input', start);
    const ib = b[start] as number;
    if (ib === 0xff) this.fail('unexpected break code', start);
    const major = ib >> 5;
    const ai = ib & 31;
    switch (major) {
      case 0:
      case 1:
        if (this.argument(ai, start) === -1) this.fail('indefinite length on an integer (not well-formed)', start);
        return this.p;
      case 2:
      case 3:
        return this.string(major, ai, start);
      case 4:
      case 5: {
        const arg = this.argument(ai, start);
        if (depth + 1 > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`, start);
        let p = this.p;
        if (arg === -1) {
          while (b[p] !== 0xff) {
            p = this.item(p, depth + 1);
            if (major === 5) {
              if (b[p] === 0xff) this.fail('break where a map value is expected', p);
              p = this.item(p, depth + 1);
            }
          }
          return p + 1;
        }
        const n = this.length(arg, start, major === 5 ? 2 : 1) * (major === 5 ? 2 : 1);
        for (let k = 0; k < n; k++) p = this.item(p, depth + 1);
        return p;
      }
      case 6: {
        if (this.argument(ai, start) === -1) this.fail('indefinite length on a tag (not well-formed)', start);
        if (depth + 1 > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`, start);
        return this.item(this.p, depth + 1);
      }
      default:
        return this.simple(ai, start);
    }
  }

  private string(major: number, ai: number, start: number): number {
    const b = this.bytes;
    const arg = this.argument(ai, start);
    if (arg !== -1) {
      const n = this.length(arg, start, 1);
      const from = this.p;
      if (major === 3) {
        // ASCII needs no decoder; anything else is checked by the strict one.
        let k = from;
        while (k < from + n && (b[k] as number) < 0x80) k++;
        if (k < from + n) this.checkUtf8(b.subarray(from, from + n), start);
      }
      return from + n;
    }
    let p = this.p;
    const chunks: Uint8Array[] = [];
    for (;;) {
      if (p >= b.length) this.fail('indefinite string without break', start);
      if (b[p] === 0xff) {
        p++;
        break;
      }
      const chunkStart = p;
      const ib = b[p] as number;
      if (ib >> 5 !== major || (ib & 31) === 31) this.fail('indefinite string chunk of another type', chunkStart);
      const n = this.length(this.argument(ib & 31, chunkStart), chunkStart, 1);
      if (major === 3) chunks.push(b.subarray(this.p, this.p + n));
      p = this.p + n;
    }
    if (major === 3) {
      let total = 0;
      for (const c of chunks) total += c.length;
      const joined = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) {
        joined.set(c, at);
        at += c.length;
      }
      this.checkUtf8(joined, start);
    }
    return p;
  }

  private checkUtf8(bytes: Uint8Array, start: number): void {
    try {
      utf8.decode(bytes);
    } catch {
      this.fail('text string is not valid UTF-8', start);
    }
  }

  private simple(ai: number, start: number): number {
    const remaining = this.bytes.length - start - 1;
    switch (ai) {
      case 24:
        if (remaining < 1) this.fail('unexpected end of input', start + 1);
        if ((this.bytes[start + 1] as number) < 32) this.fail('two-byte simple value below 32 (not well-formed)', start);
        return start + 2;
      case 25:
        if (remaining < 2) this.fail('truncated half float', start);
        return start + 3;
      case 26:
        if (remaining < 4) this.fail('truncated single float', start);
        return start + 5;
      case 27:
        if (remaining < 8) this.fail('truncated double float', start);
        return start + 9;
      case 28:
      case 29:
      case 30:
        return this.fail(`reserved additional information ${ai} (not well-formed)`, start);
      default:
        return start + 1;
    }
  }
}

/** The exact 64-bit argument of the item at `start` (ai 27), as decimal text. */
function bigArgument(bytes: Uint8Array, start: number): string {
  let v = 0n;
  for (let k = 1; k <= 8; k++) v = (v << 8n) | BigInt(bytes[start + k] as number);
  return v.toString();
}
