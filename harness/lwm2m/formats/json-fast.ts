// Reading the common case of a JSON content format in one pass, for the formats' fast decoders:
// whitespace, strings without escapes, numbers, booleans. Anything else gives up (throws
// GIVE_UP) and the exact decoder (json-exact.ts and the format's rules) decides.

import { GIVE_UP } from './fast-path.ts';
import { numberEnd } from './json-exact.ts';


/** Digits of the longest integer literal read as a number: below 2^53, so exact. */
const SAFE_DIGITS = 15;

export class FastJson {
  p = 0;
  /** Whether the last number() read an integer literal. */
  isInteger = false;
  constructor(readonly text: string) {}

  /** Skips JSON whitespace. */
  ws(): void {
    const s = this.text;
    let p = this.p;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.p = p;
  }

  /** Skips whitespace, then the character c. */
  expect(c: number): void {
    this.ws();
    if (this.text.charCodeAt(this.p) !== c) throw GIVE_UP;
    this.p++;
  }

  /** A string without escapes or control characters, after whitespace. */
  string(): string {
    this.expect(0x22);
    const s = this.text;
    const start = this.p;
    let p = start;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 0x22) break;
      // An escape, a control character, or the end of the text (NaN).
      if (c === 0x5c || !(c >= 0x20)) throw GIVE_UP;
      p++;
    }
    this.p = p + 1;
    return s.slice(start, p);
  }

  /**
   * A number after whitespace, as Number() reads its text; sets `isInteger`. Integer literals of
   * more than 15 digits give up (the exact decoders read them as bigints).
   */
  number(): number {
    this.ws();
    const s = this.text;
    const start = this.p;
    const end = numberEnd(s, start);
    if (end === start) throw GIVE_UP;
    this.p = end;
    // An integer literal: digits only after the sign (no fraction, no exponent).
    let integer = true;
    for (let k = s.charCodeAt(start) === 0x2d ? start + 1 : start; k < end && integer; k++) {
      const c = s.charCodeAt(k);
      integer = c >= 0x30 && c <= 0x39;
    }
    this.isInteger = integer;
    if (integer && end - start > SAFE_DIGITS) throw GIVE_UP;
    return Number(s.slice(start, end));
  }

  /** true or false after whitespace. */
  boolean(): boolean {
    this.ws();
    const s = this.text;
    if (s.startsWith('true', this.p)) {
      this.p += 4;
      return true;
    }
    if (s.startsWith('false', this.p)) {
      this.p += 5;
      return false;
    }
    throw GIVE_UP;
  }
}
