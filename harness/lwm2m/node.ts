// A decoded or to-be-encoded LwM2M value with its path: the unit every content format handles,
// and its conversion to/from the JSON notation of the shared vectors (also the CLI's JSON).

import type { ValueType } from './model/types.ts';
import { fromHex, toHex } from './bytes.ts';
import { parsePath } from './path.ts';
import {
  checkValue,
  compactInteger,
  formatObjectLink,
  isValueType,
  parseObjectLink,
  toBigInt,
  type LwM2mValue,
  type ObjectLink,
} from './value.ts';

/** Leaf types plus empty containers: an instance or multi-instance resource with no values. */
export type NodeType = ValueType | 'instance' | 'multiple';

export interface LwM2mNode {
  /** Canonical path, e.g. '/3/0/1' or '/3/0/6/0'; '/o/i' or '/o/i/r' for empty containers. */
  readonly path: string;
  readonly type: NodeType;
  /** The value; `[]` for the empty containers. */
  readonly value: LwM2mValue | readonly [];
  /** Timestamp in seconds since the epoch (SenML/OMA JSON), may be fractional. */
  readonly time?: number;
  /** LwM2M Gateway end-device prefix. */
  readonly prefix?: string;
}

/** The vector/CLI JSON form: see ../shared/vectors/README.md "Value model". */
export interface VectorNode {
  path: string;
  type: string;
  value: unknown;
  time?: number;
  prefix?: string;
}

const SAFE = 9007199254740991;

function integerToJson(v: unknown): number | string {
  const b = toBigInt(v);
  if (b === undefined) return String(v);
  return b >= -BigInt(SAFE) && b <= BigInt(SAFE) ? Number(b) : b.toString();
}

export function valueToJson(type: NodeType, value: LwM2mNode['value']): unknown {
  switch (type) {
    case 'instance':
    case 'multiple':
      return [];
    case 'integer':
    case 'unsigned':
    case 'time':
      return integerToJson(value);
    case 'float': {
      const f = value as number;
      return Number.isNaN(f) ? 'NaN' : f === Infinity ? 'Infinity' : f === -Infinity ? '-Infinity' : f;
    }
    case 'opaque':
      return toHex(value as Uint8Array);
    case 'objlnk':
      return formatObjectLink(value as ObjectLink);
    case 'none':
      return null;
    default:
      return value;
  }
}

export function toVectorNode(node: LwM2mNode): VectorNode {
  const out: VectorNode = { path: node.path, type: node.type, value: valueToJson(node.type, node.value) };
  if (node.time !== undefined) out.time = node.time;
  if (node.prefix !== undefined) out.prefix = node.prefix;
  return out;
}

export type FromJsonResult<T> = { ok: true; value: T } | { ok: false; reason: string };

function integerFromJson(raw: unknown): bigint | undefined {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return BigInt(raw);
  if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return BigInt(raw);
  if (typeof raw === 'bigint') return raw;
  return undefined;
}

export function valueFromJson(type: NodeType, raw: unknown): FromJsonResult<LwM2mNode['value']> {
  const bad = (why: string): FromJsonResult<never> => ({ ok: false, reason: why });
  let value: LwM2mValue | readonly [];
  switch (type) {
    case 'instance':
    case 'multiple':
      if (!Array.isArray(raw) || raw.length !== 0) return bad(`${type} node needs value []`);
      return { ok: true, value: [] };
    case 'integer':
    case 'unsigned':
    case 'time': {
      const b = integerFromJson(raw);
      if (b === undefined) return bad(`${type} needs an integer (a decimal string beyond 2^53)`);
      value = compactInteger(b);
      break;
    }
    case 'float':
      if (raw === 'NaN') value = NaN;
      else if (raw === 'Infinity') value = Infinity;
      else if (raw === '-Infinity') value = -Infinity;
      else if (typeof raw === 'number') value = raw;
      else return bad('float needs a number');
      break;
    case 'opaque': {
      const bytes = typeof raw === 'string' ? fromHex(raw) : undefined;
      if (bytes === undefined) return bad('opaque needs a hex string');
      value = bytes;
      break;
    }
    case 'objlnk': {
      const link = typeof raw === 'string' ? parseObjectLink(raw) : undefined;
      if (!link?.ok) return bad("objlnk needs 'oid:iid'");
      value = link.value;
      break;
    }
    case 'none':
      value = null;
      break;
    default:
      value = raw as LwM2mValue;
  }
  const why = checkValue(type, value as LwM2mValue);
  if (why) return bad(why);
  return { ok: true, value };
}

/** Converts one vector/CLI JSON node; the path may be '' (placeholder in single-value vectors). */
export function fromVectorNode(raw: unknown): FromJsonResult<LwM2mNode> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'node must be an object' };
  const r = raw as Record<string, unknown>;
  const path = r.path ?? '';
  if (typeof path !== 'string') return { ok: false, reason: 'node path must be a string' };
  if (path !== '' && !parsePath(path).ok) return { ok: false, reason: `invalid path '${path}'` };
  const type = r.type;
  if (!(isValueType(type) || type === 'instance' || type === 'multiple')) return { ok: false, reason: `unknown type '${String(type)}'` };
  const value = valueFromJson(type, r.value);
  if (!value.ok) return { ok: false, reason: `${path}: ${value.reason}` };
  const node: { -readonly [K in keyof LwM2mNode]: LwM2mNode[K] } = { path, type, value: value.value };
  if (r.time !== undefined) {
    if (typeof r.time !== 'number') return { ok: false, reason: `${path}: time must be a number` };
    node.time = r.time;
  }
  if (r.prefix !== undefined) {
    if (typeof r.prefix !== 'string') return { ok: false, reason: `${path}: prefix must be a string` };
    node.prefix = r.prefix;
  }
  return { ok: true, value: node };
}

export function fromVectorNodes(raw: unknown): FromJsonResult<LwM2mNode[]> {
  const list = Array.isArray(raw) ? raw : [raw];
  const out: LwM2mNode[] = [];
  for (const item of list) {
    const n = fromVectorNode(item);
    if (!n.ok) return n;
    out.push(n.value);
  }
  return { ok: true, value: out };
}
