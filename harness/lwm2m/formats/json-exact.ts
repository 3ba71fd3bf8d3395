// A total JSON parser (RFC 8259) for the JSON content formats that keeps what JSON.parse loses:
// the exact text of numbers (int64 values must not pass through float64), member order and
// duplicate member names, and the character position of every error.

import { DecodeFailure } from '../decode-error.ts';

export class JsonNumber {
  /** undefined: not yet asked; null: not an integer literal. */
  private exact: bigint | null | undefined;
  constructor(readonly text: string) {}
  /** Exact integer when the text is an integer literal (no fraction, no exponent). */
  get integer(): bigint | undefined {
    if (this.exact === undefined) this.exact = isIntegerLiteral(this.text) ? BigInt(this.text) : null;
    return this.exact ?? undefined;
  }
  get value(): number {
    return Number(this.text);
  }
}

/** /^-?\d+$/ without a regex: numbers are tested once per value. */
function isIntegerLiteral(text: string): boolean {
  let k = text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (k === text.length) return false;
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

export class JsonObject {
  constructor(readonly members: Array<[string, JsonValue]>, readonly position: number) {}
  get(name: string): JsonValue | undefined {
    for (const [k, v] of this.members) if (k === name) return v;
    return undefined;
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonObject | JsonValue[];

const MAX_DEPTH = 64;
function isDigitAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 0x30 && c <= 0x39;
}

/**
 * End of the longest number -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? at `start`, or `start` when
 * there is none: the grammar scanned by hand, as numbers are read once per value.
 */
export function numberEnd(text: string, start: number): number {
  let k = start;
  if (text.charCodeAt(k) === 0x2d) k++;
  if (text.charCodeAt(k) === 0x30) k++;
  else if (isDigitAt(text, k)) while (isDigitAt(text, k)) k++;
  else return start;
  if (text.charCodeAt(k) === 0x2e && isDigitAt(text, k + 1)) {
    k += 2;
    while (isDigitAt(text, k)) k++;
  }
  const e = text.charCodeAt(k);
  if (e === 0x65 || e === 0x45) {
    const sign = text.charCodeAt(k + 1);
    const digits = sign === 0x2b || sign === 0x2d ? k + 2 : k + 1;
    if (isDigitAt(text, digits)) {
      k = digits + 1;
      while (isDigitAt(text, k)) k++;
    }
  }
  return k;
}

export function parseJsonExact(text: string, format: string): JsonValue {
  let i = 0;
  let depth = 0;
  const n = text.length;
  const failAt = (reason: string, position = i): never => {
    throw new DecodeFailure({ format, position, reason });
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= n) failAt('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) failAt('control character in a string');
      if (c === 0x5c) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          failAt('invalid escape in a string');
        }
        chunk = i;
        continue;
      }
      i++;
    }
  };
  const value = (): JsonValue => {
    ws();
    if (i >= n) failAt('unexpected end of input');
    const c = text[i];
    if (c === '{') {
      if (++depth > MAX_DEPTH) failAt('nesting too deep');
      const start = i++;
      const members: Array<[string, JsonValue]> = [];
      ws();
      if (text[i] === '}') {
        i++;
        depth--;
        return new JsonObject(members, start);
      }
      for (;;) {
        ws();
        if (text[i] !== '"') failAt('expected a member name');
        const key = string();
        ws();
        if (text[i] !== ':') failAt("expected ':'");
        i++;
        members.push([key, value()]);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          depth--;
          return new JsonObject(members, start);
        }
        failAt("expected ',' or '}'");
      }
    }
    if (c === '[') {
      if (++depth > MAX_DEPTH) failAt('nesting too deep');
      i++;
      const items: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        depth--;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          depth--;
          return items;
        }
        failAt("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const end = numberEnd(text, i);
    if (end > i) {
      const number = new JsonNumber(text.slice(i, end));
      i = end;
      return number;
    }
    return failAt(`unexpected character '${c}'`);
  };
  const result = value();
  ws();
  if (i < n) failAt('trailing characters after the JSON value');
  return result;
}

/** Exact integer of a decimal number text that may have a fraction or exponent (1.638435E9). */
export function exactIntegerOfDecimal(text: string): bigint | undefined {
  // The common float, a fraction with a non-zero digit and no exponent, is no integer.
  const point = text.indexOf('.');
  if (point >= 0 && !/[eE]/.test(text) && /[1-9]/.test(text.slice(point + 1))) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, intPart, frac = '', expText = '0'] = m;
  const exp = Number(expText);
  if (Math.abs(exp) > 400) return undefined;
  let digits = `${intPart}${frac}`;
  let scale = frac.length - exp; // value = digits * 10^-scale
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  const whole = digits.slice(0, digits.length - scale) || '0';
  const rest = digits.slice(digits.length - scale);
  if (/[1-9]/.test(rest)) return undefined;
  const b = BigInt(whole);
  return sign === '-' ? -b : b;
}

/** Writes a JSON string literal (what JSON.stringify does for strings). */
export function jsonString(s: string): string {
  // Printable ASCII other than '"' and '\\' needs no escapes: most names and values.
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(s);
  }
  return `"${s}"`;
}
