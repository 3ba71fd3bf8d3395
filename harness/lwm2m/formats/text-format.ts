// Number and time text shared by text/plain, OMA JSON and attribute values: exact integers,
// and floats written so whole numbers keep a '.0' (as Zephyr and Leshan do).

import { compactInteger, INT64_MAX, INT64_MIN, UINT64_MAX } from '../value.ts';

const FLOAT_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseIntegerText(text: string, unsigned: boolean): number | bigint | undefined {
  if (!(unsigned ? /^\+?\d+$/ : /^[+-]?\d+$/).test(text) || text.length > 24) return undefined;
  const b = BigInt(text);
  if (unsigned ? b < 0n || b > UINT64_MAX : b < INT64_MIN || b > INT64_MAX) return undefined;
  return compactInteger(b);
}

export function parseFloatText(text: string): number | undefined {
  return FLOAT_TEXT.test(text) ? Number(text) : undefined;
}

export function formatFloatText(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return `${v.toFixed(0)}.0`;
  return String(v);
}

/** Plain decimal text of a number, never scientific notation (attribute values, JSON numbers). */
export function plainDecimal(v: number): string {
  const s = String(v);
  if (!/e/i.test(s)) return s;
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, intPart, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = `${intPart}${frac}`;
  const point = (intPart as string).length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
