// The common case of OMA JSON decoding in one pass, straight from text to nodes: an object of
// "bn" and "bt" (optional) then "e", entries with "n", "t" and one value label, each once,
// strings without escapes, integers of up to 15 digits, names that are plain canonical paths
// in ascending order (so none repeats), values that fit their types. It gives up (undefined) at
// the first thing outside that case, valid or not, and the exact decoder (oma-json.ts) decides;
// so only accepted input needs to match its result, and every error keeps its position and reason.

import { fromBase64 } from '../bytes.ts';
import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { canonicalPathIds, isWithin, type PathIds } from '../path.ts';
import { parseObjectLink, type LwM2mValue } from '../value.ts';
import type { DecodeContext } from './codec.ts';
import { GIVE_UP, runFastPath } from './fast-path.ts';
import { FastJson } from './json-fast.ts';
import { ResourceTypes } from './resource-types.ts';

/** Member bits of an entry, to find a repeated one. */
const N = 1;
const T = 2;
const V = 4;
const SV = 8;
const BV = 16;
const OV = 32;

/** The bit of an entry's member name after whitespace, read without making its string. */
function entryLabel(json: FastJson): number {
  json.expect(0x22);
  const s = json.text;
  const p = json.p;
  const a = s.charCodeAt(p);
  const b = s.charCodeAt(p + 1);
  let bit = 0;
  let length = 1;
  if (b === 0x22) bit = a === 0x6e ? N : a === 0x74 ? T : a === 0x76 ? V : 0; // n t v
  else if (s.charCodeAt(p + 2) === 0x22 && b === 0x76) {
    length = 2;
    bit = a === 0x73 ? SV : a === 0x62 ? BV : a === 0x6f ? OV : 0; // sv bv ov
  }
  if (bit === 0) throw GIVE_UP;
  json.p = p + length + 1;
  return bit;
}

/** Whether ids a come strictly before ids b (a path before the paths below it). */
function before(a: PathIds, b: PathIds): boolean {
  for (let k = 0; k < a.length && k < b.length; k++) if (a[k] !== b[k]) return (a[k] as number) < (b[k] as number);
  return a.length < b.length;
}

/** Nodes of an OMA JSON text in the common case, or undefined: then the exact decoder runs. */
export function decodeOmaJsonFast(text: string, context: DecodeContext): LwM2mNode[] | undefined {
  return runFastPath(new FastJson(text), context, readNodes);
}

function readNodes(json: FastJson, context: DecodeContext, request: PathIds): LwM2mNode[] | undefined {
  const text = json.text;
  json.expect(0x7b);
  let bn: string | undefined;
  let bt: number | undefined;
  // "bn" and "bt", each at most once, then "e".
  for (;;) {
    const name = json.string();
    json.expect(0x3a);
    if (name === 'e') break;
    if (name === 'bn' && bn === undefined) bn = json.string();
    else if (name === 'bt' && bt === undefined) bt = json.number();
    else return undefined;
    json.expect(0x2c);
  }
  bn ??= '';
  json.expect(0x5b);
  json.ws();
  // No entries: the exact decoder answers for the request path.
  if (text.charCodeAt(json.p) === 0x5d) return undefined;
  const types = new ResourceTypes(context, request);
  const out: LwM2mNode[] = [];
  let last: PathIds | undefined;
  for (;;) {
    json.expect(0x7b);
    let seen = 0;
    let n = '';
    let t = 0;
    let v = 0;
    let vIsInteger = false;
    let sv = '';
    let bv = false;
    for (;;) {
      const bit = entryLabel(json);
      json.expect(0x3a);
      switch (bit) {
        case N:
          n = json.string();
          break;
        case T:
          t = json.number();
          break;
        case V:
          v = json.number();
          vIsInteger = json.isInteger;
          break;
        case BV:
          bv = json.boolean();
          break;
        default: // SV, OV
          sv = json.string();
      }
      if (seen & bit) return undefined;
      seen |= bit;
      json.ws();
      const c = text.charCodeAt(json.p++);
      if (c === 0x7d) break;
      if (c !== 0x2c) return undefined;
    }
    const values = seen & (V | SV | BV | OV);
    // Exactly one value label: a power of two.
    if (values === 0 || (values & (values - 1)) !== 0) return undefined;
    const name = bn + n;
    const c = name.charCodeAt(1);
    if (name.charCodeAt(0) !== 0x2f || c < 0x30 || c > 0x39) return undefined;
    const ids = canonicalPathIds(name);
    if (ids === undefined || ids.length < 3 || !isWithin(ids, request)) return undefined;
    // Ascending names cannot repeat one another.
    if (last !== undefined && !before(last, ids)) return undefined;
    last = ids;
    const declared = types.typeOf(ids[0] as number, ids[2] as number);
    let type: ValueType;
    let value: LwM2mValue;
    if (values === V) {
      type = declared ?? (vIsInteger ? 'integer' : 'float');
      if (type === 'float') value = v;
      else {
        // An integer type reads the literal as a bigint ('-0' is 0); fractions need the exact rules.
        if (!vIsInteger || (type !== 'integer' && type !== 'time' && type !== 'unsigned')) return undefined;
        value = v === 0 ? 0 : v;
        if (type === 'unsigned' && value < 0) return undefined;
      }
    } else if (values === BV) {
      if (declared !== undefined && declared !== 'boolean') return undefined;
      type = 'boolean';
      value = bv;
    } else if (values === OV) {
      const link = parseObjectLink(sv);
      if (!link.ok) return undefined;
      type = 'objlnk';
      value = link.value;
    } else if (declared === 'opaque') {
      const bytes = fromBase64(sv, 'base64');
      if (bytes === undefined) return undefined;
      type = 'opaque';
      value = bytes;
    } else if (declared === undefined || declared === 'string' || declared === 'corelnk') {
      type = declared ?? 'string';
      value = sv;
    } else return undefined;
    const node: { path: string; type: ValueType; value: LwM2mValue; time?: number } = { path: name, type, value };
    if (bt !== undefined || seen & T) node.time = (bt ?? 0) + (seen & T ? t : 0);
    out.push(node);
    json.ws();
    const next = text.charCodeAt(json.p++);
    if (next === 0x5d) break;
    if (next !== 0x2c) return undefined;
  }
  json.expect(0x7d);
  json.ws();
  return json.p === text.length ? out : undefined;
}
