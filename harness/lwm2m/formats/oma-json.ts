// OMA JSON (content-format 11543, legacy LwM2M 1.0 JSON, Core 1.0 §6.4.4): {"bn", "bt", "e": [
// {"n", "v"|"sv"|"bv"|"ov", "t"}]}. Names are bn + n as plain string concatenation. 1.1 servers
// must accept it; 1.1 clients must not send it. Opaque travels as padded base64 in "sv".

import { DecodeFailure, guard, type DecodeResult } from '../decode-error.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../bytes.ts';
import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { canonicalPathIds, formatPath, isWithin, parsePath, type PathIds } from '../path.ts';
import { compactInteger, formatObjectLink, inInt64, inUint64, parseObjectLink, toBigInt, type LwM2mValue, type ObjectLink } from '../value.ts';
import { EncodeError, resourceTyping, type ContentFormatCodec, type DecodeContext, type EncodeOptions } from './codec.ts';
import { JsonNumber, JsonObject, exactIntegerOfDecimal, jsonString, parseJsonExact, type JsonValue } from './json-exact.ts';
import { flatIdsOf, joinIds, withFlatIds, type FlatIds } from './flat-ids.ts';
import { decodeOmaJsonFast } from './oma-json-fast.ts';
import { ResourceTypes } from './resource-types.ts';
import { emptyPayloadNodes, requestIds, splitName } from './senml.ts';
import { formatFloatText } from './text-format.ts';

const FORMAT = 'oma-json';
const VALUE_LABELS = ['v', 'sv', 'bv', 'ov'];

function failAt(position: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, position, reason });
}

function numeric(n: JsonNumber, type: ValueType | undefined, position: number): { type: ValueType; value: LwM2mValue } {
  const exact = n.integer ?? exactIntegerOfDecimal(n.text);
  const t: ValueType = type ?? (n.integer !== undefined ? 'integer' : 'float');
  switch (t) {
    case 'float':
      return { type: t, value: n.value };
    case 'integer':
    case 'time':
      if (exact === undefined || !inInt64(exact)) failAt(position, `'${n.text}' is not a signed 64-bit ${t}`);
      return { type: t, value: compactInteger(exact as bigint) };
    case 'unsigned':
      if (exact === undefined || !inUint64(exact)) failAt(position, `'${n.text}' is not an unsigned 64-bit integer`);
      return { type: t, value: compactInteger(exact as bigint) };
    default:
      return failAt(position, `a numeric 'v' does not fit type ${t}`);
  }
}

function decodeDocument(text: string, context: DecodeContext): LwM2mNode[] {
  const request = requestIds(context, FORMAT);
  if (text.trim() === '') failAt(0, 'empty payload');
  const doc = parseJsonExact(text, FORMAT);
  if (!(doc instanceof JsonObject)) failAt(0, 'OMA JSON must be an object');
  const root = doc as JsonObject;
  const bnValue = root.get('bn');
  if (bnValue !== undefined && typeof bnValue !== 'string') failAt(0, "'bn' must be a string");
  const btValue = root.get('bt');
  if (btValue !== undefined && !(btValue instanceof JsonNumber)) failAt(0, "'bt' must be a number");
  const entries = root.get('e');
  if (!Array.isArray(entries)) return failAt(0, "OMA JSON needs an 'e' array");
  if (entries.length === 0) return emptyPayloadNodes(request, context, FORMAT);
  const bn = (bnValue as string | undefined) ?? '';
  const bt = btValue instanceof JsonNumber ? btValue.value : undefined;
  const seen = new Set<string>();
  const out: LwM2mNode[] = [];
  const types = new ResourceTypes(context, request);
  for (const entry of entries) {
    if (!(entry instanceof JsonObject)) return failAt(0, "each 'e' entry must be an object");
    const at = entry.position;
    // One pass over the members: the name, the time and the value labels (first of each, as get() finds them).
    let n: JsonValue | undefined;
    let t: JsonValue | undefined;
    let valueLabel: string | undefined;
    let raw: JsonValue | undefined;
    let values = 0;
    let seenLabels = 0;
    for (const [key, v] of entry.members) {
      if (key === 'n') {
        if (n === undefined) n = v;
      } else if (key === 't') {
        if (t === undefined) t = v;
      } else {
        const rank = VALUE_LABELS.indexOf(key);
        if (rank < 0 || seenLabels & (1 << rank)) continue;
        seenLabels |= 1 << rank;
        values++;
        // The first label in the order v, sv, bv, ov decides when there are several (an error anyway).
        if (valueLabel === undefined || rank < VALUE_LABELS.indexOf(valueLabel)) {
          valueLabel = key;
          raw = v;
        }
      }
    }
    if (n !== undefined && typeof n !== 'string') failAt(at, "'n' must be a string");
    const name = bn + ((n as string | undefined) ?? '');
    // A plain absolute name needs no Gateway prefix split; a canonical one is its own node path.
    const plain = context.rootPath === undefined && name.length > 1 && name.charCodeAt(0) === 0x2f && name.charCodeAt(1) >= 0x30 && name.charCodeAt(1) <= 0x39;
    let path: PathIds | undefined = plain ? canonicalPathIds(name) : undefined;
    const pathText = path !== undefined ? name : undefined;
    if (path === undefined) {
      const ids = parsePath(plain ? name : splitName(name, context.rootPath).path, { allowRelative: false });
      path = ids.ok ? ids.value : undefined;
    }
    if (path === undefined || path.length < 3) return failAt(at, `name '${name}' is not a resource or resource instance path`);
    if (!isWithin(path, request)) failAt(at, `${formatPath(path)} lies outside the request path ${formatPath(request)}`);
    if (values !== 1) failAt(at, values === 0 ? `entry for ${formatPath(path)} has no value` : `entry for ${formatPath(path)} has several values`);
    const declared = types.typeOf(path[0] as number, path[2] as number);
    let typed: { type: ValueType; value: LwM2mValue };
    switch (valueLabel) {
      case 'v':
        if (!(raw instanceof JsonNumber)) return failAt(at, "'v' must be a number");
        typed = numeric(raw, declared, at);
        break;
      case 'bv':
        if (typeof raw !== 'boolean') return failAt(at, "'bv' must be true or false");
        if (declared !== undefined && declared !== 'boolean') failAt(at, `'bv' does not fit type ${declared}`);
        typed = { type: 'boolean', value: raw };
        break;
      case 'ov': {
        if (typeof raw !== 'string') return failAt(at, "'ov' must be a string");
        const link = parseObjectLink(raw, FORMAT);
        if (!link.ok) return failAt(at, link.error.reason);
        typed = { type: 'objlnk', value: link.value };
        break;
      }
      default: {
        if (typeof raw !== 'string') return failAt(at, "'sv' must be a string");
        if (declared === 'opaque') {
          const bytes = fromBase64(raw, 'base64');
          if (!bytes) return failAt(at, "'sv' of an opaque resource is not base64");
          typed = { type: 'opaque', value: bytes };
        } else if (declared === undefined || declared === 'string' || declared === 'corelnk') {
          typed = { type: declared ?? 'string', value: raw };
        } else {
          return failAt(at, `'sv' does not fit type ${declared}`);
        }
      }
    }
    if (t !== undefined && !(t instanceof JsonNumber)) failAt(at, "'t' must be a number");
    const node: { path: string; type: ValueType; value: LwM2mValue; time?: number } = { path: pathText ?? formatPath(path), type: typed.type, value: typed.value };
    if (bt !== undefined || t !== undefined) node.time = (bt ?? 0) + (t instanceof JsonNumber ? t.value : 0);
    const key = node.time === undefined ? node.path : `${node.path}@${node.time}`;
    if (seen.has(key)) failAt(at, `${node.path} appears twice`);
    seen.add(key);
    out.push(node);
  }
  return out;
}

/** The exact decoder alone, without the fast path (the reference the fast path must agree with; exported for tests). */
export function decodeOmaJsonExact(text: string, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  return guard(FORMAT, () => decodeDocument(text, context));
}

export function decodeOmaJson(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  return guard(FORMAT, () => {
    const text = fromUtf8(payload);
    if (text === undefined) return failAt(0, 'payload is not valid UTF-8');
    return decodeOmaJsonFast(text, context) ?? decodeDocument(text, context);
  });
}

function entryValue(node: LwM2mNode): string {
  const v = node.value as LwM2mValue;
  switch (node.type) {
    case 'string':
    case 'corelnk':
      return `"sv":${jsonString(v as string)}`;
    case 'opaque':
      return `"sv":${jsonString(toBase64(v as Uint8Array))}`;
    case 'integer':
    case 'unsigned':
    case 'time':
      // A safe integer's text is its bigint's text, without making the bigint.
      return `"v":${typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : (toBigInt(v) ?? 0n).toString()}`;
    case 'float':
      if (!Number.isFinite(v as number)) throw new EncodeError(FORMAT, 'JSON cannot carry NaN or Infinity');
      return `"v":${formatFloatText(v as number)}`;
    case 'boolean':
      return `"bv":${v ? 'true' : 'false'}`;
    case 'objlnk':
      return `"ov":${jsonString(formatObjectLink(v as ObjectLink))}`;
    default:
      throw new EncodeError(FORMAT, `cannot encode a ${node.type} node at ${node.path}`);
  }
}

function nodeIds(node: LwM2mNode): PathIds {
  const ids = parsePath(node.path);
  if (!ids.ok || ids.value.length < 3) throw new EncodeError(FORMAT, `node path '${node.path}' is not a resource or resource instance`);
  return ids.value;
}

export function encodeOmaJson(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  // Ids of all nodes in one array (canonical paths, the usual case, without an array per node):
  // per-node arrays would outlive the young generation on large payloads.
  return withFlatIds(nodes, 3, (flat) => writeOmaJson(nodes, flat ?? flatIdsOf(nodes.map(nodeIds)), options));
}

function writeOmaJson(nodes: readonly LwM2mNode[], { count: n, ids, depth }: FlatIds, options: EncodeOptions): Uint8Array {
  let base: PathIds;
  if (options.senmlNames === 'grouped') {
    base = n === 0 ? [] : [ids[0] as number, ids[1] as number];
  } else if (options.path !== undefined) {
    const p = parsePath(options.path);
    if (!p.ok) throw new EncodeError(FORMAT, `invalid path '${options.path}'`);
    base = p.value;
  } else {
    // The ids all nodes share.
    let shared = n === 0 ? 0 : (depth[0] as number);
    for (let k = 1; k < n; k++) {
      let d = 0;
      while (d < shared && d < (depth[k] as number) && ids[4 * k + d] === ids[d]) d++;
      shared = d;
    }
    base = Array.from(ids.subarray(0, shared));
  }
  let leafBase = true;
  for (let k = 0; k < n; k++) if (depth[k] !== base.length) leafBase = false;
  const bn = leafBase ? formatPath(base) : base.length === 0 ? '/' : `${formatPath(base)}/`;
  // One string built by appending, entry by entry.
  let out = `{"bn":${jsonString(bn)},"e":[`;
  for (let k = 0; k < n; k++) {
    const node = nodes[k] as LwM2mNode;
    const at = 4 * k;
    const d = depth[k] as number;
    let within = d >= base.length;
    for (let j = 0; within && j < base.length; j++) within = ids[at + j] === base[j];
    if (!within) throw new EncodeError(FORMAT, `${node.path} lies outside ${formatPath(base)}`);
    out += k === 0 ? '{' : ',{';
    if (d > base.length) out += `"n":"${joinIds(ids, at + base.length, d - base.length)}",`;
    out += entryValue(node);
    if (node.time !== undefined) out += `,"t":${node.time}`;
    out += '}';
  }
  return utf8(`${out}]}`);
}

export const omaJsonCodec: ContentFormatCodec = {
  number: 11543,
  name: 'oma-json',
  mediaType: 'application/vnd.oma.lwm2m+json',
  decode: decodeOmaJson,
  encode: encodeOmaJson,
};
