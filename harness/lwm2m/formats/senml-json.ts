// SenML JSON (content-format 110, RFC 8428 §5) for LwM2M (Core §7.4.4). Opaque 'vd' is
// base64url without padding; the decoder also accepts standard base64 (lint reports it).

import { DecodeFailure, guard, type DecodeResult } from '../decode-error.ts';
import { fromBase64, fromUtf8, toBase64Url, utf8 } from '../bytes.ts';
import type { LwM2mNode } from '../node.ts';
import type { ContentFormatCodec, DecodeContext } from './codec.ts';
import { EncodeError } from './codec.ts';
import { JsonNumber, JsonObject, exactIntegerOfDecimal, jsonString, parseJsonExact, type JsonValue } from './json-exact.ts';
import { forEachRecord, recordsToNodes, recordsToPaths, type SenmlEncodeOptions, type SenmlNumber, type SenmlOutNumber, type SenmlOutRecord, type SenmlRecord } from './senml.ts';
import { decodeSenmlJsonFast } from './senml-json-fast.ts';
import { formatFloatText } from './text-format.ts';

const FORMAT = 'senml-json';
const where = (at: number) => ({ position: at });

function failAt(position: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, position, reason });
}

function numberOf(v: JsonValue, position: number, label: string): SenmlNumber {
  if (!(v instanceof JsonNumber)) return failAt(position, `'${label}' must be a number`);
  const int = v.integer;
  if (int !== undefined) return { int };
  const exactInt = exactIntegerOfDecimal(v.text);
  return exactInt !== undefined ? { float: v.value, exactInt } : { float: v.value };
}

function stringOf(v: JsonValue, position: number, label: string): string {
  if (typeof v !== 'string') return failAt(position, `'${label}' must be a string`);
  return v;
}

const LABEL_BITS: ReadonlyMap<string, number> = new Map(['bn', 'n', 'bt', 't', 'v', 'vs', 'vlo', 'vb', 'vd'].map((label, k) => [label, 1 << k]));

/** Parses the JSON text into raw SenML records (no LwM2M resolution). */
export function parseSenmlJsonRecords(text: string): SenmlRecord[] {
  const doc = parseJsonExact(text, FORMAT);
  if (!Array.isArray(doc)) return failAt(0, 'SenML JSON must be an array of records');
  return doc.map((item) => {
    if (!(item instanceof JsonObject)) return failAt(0, 'each SenML record must be an object');
    const r: SenmlRecord = { at: item.position };
    // Repeated labels: a bit per known label, a set only for the others (rare).
    let seenKnown = 0;
    let seenOther: Set<string> | undefined;
    for (const [key, v] of item.members) {
      const bit = LABEL_BITS.get(key);
      if (bit !== undefined) {
        if (seenKnown & bit) failAt(item.position, `label '${key}' appears twice in a record`);
        seenKnown |= bit;
      } else {
        seenOther ??= new Set<string>();
        if (seenOther.has(key)) failAt(item.position, `label '${key}' appears twice in a record`);
        seenOther.add(key);
      }
      switch (key) {
        case 'bn': r.bn = stringOf(v, item.position, key); break;
        case 'n': r.n = stringOf(v, item.position, key); break;
        case 'bt': r.bt = numberOf(v, item.position, key); break;
        case 't': r.t = numberOf(v, item.position, key); break;
        case 'v': r.v = numberOf(v, item.position, key); break;
        case 'vs': r.vs = stringOf(v, item.position, key); break;
        case 'vlo': r.vlo = stringOf(v, item.position, key); break;
        case 'vb':
          if (typeof v !== 'boolean') failAt(item.position, "'vb' must be true or false");
          r.vb = v as boolean;
          break;
        case 'vd': {
          const bytes = fromBase64(stringOf(v, item.position, key), 'either');
          if (!bytes) failAt(item.position, "'vd' is not base64url");
          r.vd = bytes;
          break;
        }
        default:
          // RFC 8428 §4.4: labels ending in '_' must be understood; others may be ignored.
          if (key.endsWith('_')) failAt(item.position, `unsupported mandatory label '${key}'`);
      }
    }
    return r;
  });
}

function payloadText(payload: Uint8Array): string {
  const text = fromUtf8(payload);
  if (text === undefined) return failAt(0, 'payload is not valid UTF-8');
  return text;
}

export function decodeSenmlJson(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  return guard(FORMAT, () => {
    const text = payloadText(payload);
    const fast = decodeSenmlJsonFast(text, context);
    if (fast !== undefined) return fast;
    const records = text.trim() === '' ? [] : parseSenmlJsonRecords(text);
    return recordsToNodes(records, context, FORMAT, where);
  });
}

/** Read-Composite / Observe-Composite request body: the list of paths. */
export function decodeSenmlJsonPaths(payload: Uint8Array): DecodeResult<string[]> {
  return guard(FORMAT, () => recordsToPaths(parseSenmlJsonRecords(payloadText(payload)), FORMAT, where));
}

function numberText(n: SenmlOutNumber): string {
  if ('int' in n) return String(n.int);
  if (!Number.isFinite(n.float)) throw new EncodeError(FORMAT, 'JSON cannot carry NaN or Infinity');
  return formatFloatText(n.float);
}

/** One record as a JSON object, keys in record order. */
function recordJson(r: SenmlOutRecord): string {
  let m = '';
  if (r.bn !== undefined) m += `,"bn":${jsonString(r.bn)}`;
  if (r.bt !== undefined) m += `,"bt":${numberText(r.bt)}`;
  if (r.n !== undefined) m += `,"n":${jsonString(r.n)}`;
  if (r.t !== undefined) m += `,"t":${numberText(r.t)}`;
  if (r.v !== undefined) m += `,"v":${numberText(r.v)}`;
  if (r.vs !== undefined) m += `,"vs":${jsonString(r.vs)}`;
  if (r.vb !== undefined) m += `,"vb":${r.vb}`;
  if (r.vd !== undefined) m += `,"vd":${jsonString(toBase64Url(r.vd))}`;
  if (r.vlo !== undefined) m += `,"vlo":${jsonString(r.vlo)}`;
  return `{${m.slice(1)}}`;
}

/** Serializes raw records; one string built by appending (no array per record). */
export function formatSenmlJsonRecords(records: readonly SenmlRecord[]): string {
  let out = '[';
  for (let k = 0; k < records.length; k++) out += (k === 0 ? '' : ',') + recordJson(records[k] as SenmlRecord);
  return `${out}]`;
}

export function encodeSenmlJson(nodes: readonly LwM2mNode[], options: SenmlEncodeOptions = {}): Uint8Array {
  // Each record is written as it is made.
  let out = '[';
  forEachRecord(nodes, options, (r) => {
    out += (out.length === 1 ? '' : ',') + recordJson(r);
  });
  return utf8(`${out}]`);
}

export function encodeSenmlJsonPaths(paths: readonly string[]): Uint8Array {
  return utf8(`[${paths.map((p) => `{"n":${jsonString(p)}}`).join(',')}]`);
}

export const senmlJsonCodec: ContentFormatCodec = {
  number: 110,
  name: 'senml-json',
  mediaType: 'application/senml+json',
  decode: decodeSenmlJson,
  encode: encodeSenmlJson,
};
