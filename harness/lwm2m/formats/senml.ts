// SenML (RFC 8428) as LwM2M uses it (Core §7.4.4/§7.4.5): the record model shared by SenML JSON
// (110) and SenML CBOR (112), resolution of base name/time into nodes, and the base-name rules
// for encoding. SenML-ETCH (320/322, RFC 8790) is out of scope here.

import { DecodeFailure } from '../decode-error.ts';
import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { canonicalPathIds, formatPath, parsePath, type ParsePathOptions, type PathIds } from '../path.ts';
import { compactInteger, formatObjectLink, inInt64, inUint64, parseObjectLink, toBigInt, type LwM2mValue, type ObjectLink } from '../value.ts';
import { EncodeError, resourceTyping, type DecodeContext, type EncodeOptions } from './codec.ts';
import { flatIdsOf, joinIds, withFlatIds, type FlatIds } from './flat-ids.ts';
import { ResourceTypes } from './resource-types.ts';

/** A SenML number: an exact integer, or a float (with its exact integer when integral). */
export type SenmlNumber = { readonly int: bigint } | { readonly float: number; readonly exactInt?: bigint };

export interface SenmlRecord {
  bn?: string;
  bt?: SenmlNumber;
  n?: string;
  t?: SenmlNumber;
  v?: SenmlNumber;
  vs?: string;
  vb?: boolean;
  vd?: Uint8Array;
  vlo?: string;
  /** Text under 'v' (a Zephyr objlnk quirk); only objlnk resources accept it. */
  vText?: string;
  /** Byte offset (CBOR) or character position (JSON) of the record. */
  at: number;
}

/** A number as the encoders take it: an integer that is a safe number stays one (no bigint per value). */
export type SenmlOutNumber = { readonly int: bigint | number } | { readonly float: number };

/** A record as the encoders take it (decoded records are ones too). */
export interface SenmlOutRecord extends Omit<SenmlRecord, 'bt' | 't' | 'v'> {
  bt?: SenmlOutNumber;
  t?: SenmlOutNumber;
  v?: SenmlOutNumber;
}

export function senmlNumberValue(n: SenmlNumber): number {
  return 'int' in n ? Number(n.int) : n.float;
}

function valueCount(r: SenmlRecord): number {
  return (r.v ? 1 : 0) + (r.vs !== undefined ? 1 : 0) + (r.vb !== undefined ? 1 : 0) + (r.vd ? 1 : 0) + (r.vlo !== undefined ? 1 : 0) + (r.vText !== undefined ? 1 : 0);
}

export interface RecordPosition {
  offset?: number;
  position?: number;
}

const ABSOLUTE: ParsePathOptions = { allowRelative: false };

/** Resolves records into nodes at the request path; throws DecodeFailure. */
export function recordsToNodes(records: readonly SenmlRecord[], context: DecodeContext, format: string, where: (at: number) => RecordPosition): LwM2mNode[] {
  const request = requestIds(context, format);
  const failAt = (at: number, reason: string): never => {
    throw new DecodeFailure({ format, reason, ...where(at) });
  };
  if (records.length === 0) return emptyPayloadNodes(request, context, format);
  const types = new ResourceTypes(context, request);
  const rootPath = context.rootPath;
  const out: LwM2mNode[] = [];
  let bn = '';
  let bt: number | undefined;
  for (const r of records) {
    if (r.bn !== undefined) bn = r.bn;
    if (r.bt !== undefined) bt = senmlNumberValue(r.bt);
    const name = r.n === undefined ? bn : bn + r.n;
    // The common name is a plain absolute path: no Gateway prefix or alternate path to split off.
    const plain = rootPath === undefined && name.length > 1 && name.charCodeAt(0) === 0x2f && isDigit(name.charCodeAt(1));
    const split = plain ? undefined : splitName(name, rootPath);
    const text = split === undefined ? name : split.path;
    // A canonical name is its own node path; anything else is parsed and written anew.
    let path: PathIds | undefined = canonicalPathIds(text);
    let pathText = text;
    if (path === undefined) {
      const ids = parsePath(text, ABSOLUTE);
      path = ids.ok ? ids.value : [];
      pathText = formatPath(path);
    }
    if (path.length < 3) failAt(r.at, `record name '${name}' is not a resource or resource instance path`);
    // No check against the request path: the TS's own Read examples include linked objects.
    const count = valueCount(r);
    if (count === 0) failAt(r.at, `record for ${formatPath(path)} has no value`);
    if (count > 1) failAt(r.at, `record for ${formatPath(path)} has more than one value`);
    const typed = recordValue(r, types.typeOf(path[0] as number, path[2] as number));
    if (!typed.ok) failAt(r.at, `${formatPath(path)}: ${typed.reason}`);
    const node: { path: string; type: ValueType; value: LwM2mValue; time?: number; prefix?: string } = typed.ok
      ? { path: pathText, type: typed.type, value: typed.value }
      : { path: '', type: 'none', value: null };
    if (split?.prefix !== undefined) node.prefix = split.prefix;
    if (bt !== undefined || r.t !== undefined) node.time = (bt ?? 0) + (r.t ? senmlNumberValue(r.t) : 0);
    out.push(node);
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Splits a SenML/JSON name into the LwM2M path and, for names through a Gateway, the end-device
 * prefix ('/d01/3303/0/5700', Gateway TS §9). The alternate path is stripped first.
 */
export function splitName(name: string, rootPath?: string): { path: string; prefix?: string } {
  let rest = name.startsWith('/') ? name : `/${name}`;
  if (rootPath && rootPath !== '/' && (rest === rootPath || rest.startsWith(`${rootPath}/`))) rest = rest.slice(rootPath.length) || '/';
  const m = /^\/([^/0-9][^/]*)(\/.*)$/.exec(rest);
  return m ? { path: m[2] as string, prefix: m[1] as string } : { path: rest };
}

export function requestIds(context: DecodeContext, format: string): PathIds {
  if (context.path === undefined) return [];
  const ids = parsePath(context.path);
  if (!ids.ok) throw new DecodeFailure({ ...ids.error, format });
  return ids.value;
}

/** An empty payload (or an empty array) at a request path: an empty container, or an error. */
export function emptyPayloadNodes(request: PathIds, context: DecodeContext, format: string): LwM2mNode[] {
  if (request.length <= 1) return [];
  if (request.length === 2) return [{ path: formatPath(request), type: 'instance', value: [] }];
  if (request.length === 3 && resourceTyping(context, request, request).multiple === true) {
    return [{ path: formatPath(request), type: 'multiple', value: [] }];
  }
  throw new DecodeFailure({ format, offset: 0, reason: `no value for ${formatPath(request)}, which is not a container` });
}

type Typed = { ok: true; type: ValueType; value: LwM2mValue } | { ok: false; reason: string };

function numberAs(type: ValueType, n: SenmlNumber): Typed {
  const exact = 'int' in n ? n.int : n.exactInt;
  switch (type) {
    case 'float':
      return { ok: true, type, value: senmlNumberValue(n) };
    case 'integer':
      return exact !== undefined && inInt64(exact) ? { ok: true, type, value: compactInteger(exact) } : { ok: false, reason: 'integer needs a signed 64-bit whole number' };
    case 'time':
      if (exact !== undefined && inInt64(exact)) return { ok: true, type, value: compactInteger(exact) };
      return 'float' in n && Number.isFinite(n.float) ? { ok: true, type, value: Math.floor(n.float) } : { ok: false, reason: 'time needs a number' };
    case 'unsigned':
      return exact !== undefined && inUint64(exact) ? { ok: true, type, value: compactInteger(exact) } : { ok: false, reason: 'unsigned needs a whole number 0..2^64-1' };
    default:
      return { ok: false, reason: `a numeric 'v' does not fit type ${type}` };
  }
}

function recordValue(r: SenmlRecord, declared: ValueType | undefined): Typed {
  if (r.v) return numberAs(declared ?? ('int' in r.v ? 'integer' : 'float'), r.v);
  if (r.vb !== undefined) return declared === undefined || declared === 'boolean' ? { ok: true, type: 'boolean', value: r.vb } : { ok: false, reason: `'vb' does not fit type ${declared}` };
  if (r.vd) return declared === undefined || declared === 'opaque' ? { ok: true, type: 'opaque', value: r.vd } : { ok: false, reason: `'vd' does not fit type ${declared}` };
  const text = r.vlo ?? r.vs ?? r.vText;
  if (text === undefined) return { ok: false, reason: 'no value' };
  const type: ValueType = declared ?? (r.vlo !== undefined ? 'objlnk' : 'string');
  if (type === 'objlnk') {
    // The TS's own SenML example writes the null link as 'FFFF:FFFF'; read it as 65535:65535.
    if (/^ffff:ffff$/i.test(text)) return { ok: true, type, value: { objectId: 65535, instanceId: 65535 } };
    const link = parseObjectLink(text);
    return link.ok ? { ok: true, type, value: link.value } : { ok: false, reason: link.error.reason };
  }
  if (r.vText !== undefined) return { ok: false, reason: "text under 'v'" };
  if (type === 'string' || type === 'corelnk') return { ok: true, type, value: text };
  return { ok: false, reason: `a text value does not fit type ${type}` };
}

// ---- encoding ----

export type SenmlEncodeOptions = EncodeOptions;

function nodeIds(node: LwM2mNode): PathIds {
  // Node paths are almost always canonical: read those without a result object.
  const canonical = canonicalPathIds(node.path);
  if (canonical !== undefined && canonical.length >= 3) return canonical;
  const ids = parsePath(node.path);
  if (!ids.ok || ids.value.length < 3) throw new EncodeError('senml', `node path '${node.path}' is not a resource or resource instance`);
  return ids.value;
}

/** The valid request paths a node may be grouped under, in the order they are tried. */
function requestGroups(options: SenmlEncodeOptions): PathIds[] {
  const out: PathIds[] = [];
  for (const p of [...(options.requestPaths ?? []), ...(options.path !== undefined ? [options.path] : [])]) {
    const g = parsePath(p);
    if (g.ok) out.push(g.value);
  }
  return out;
}

/** The index of the first request path that node path ids[at, at + depth) lies in, or -1. */
function requestGroupOf(ids: Int32Array, at: number, depth: number, groups: readonly PathIds[]): number {
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as PathIds;
    if (group.length > depth) continue;
    let d = 0;
    while (d < group.length && ids[at + d] === group[d]) d++;
    if (d === group.length) return g;
  }
  return -1;
}

/** Whether node j exists, lies in the instance of node k and has node k's time. */
function sharesInstance(nodes: readonly LwM2mNode[], { ids }: FlatIds, j: number, k: number): boolean {
  return j >= 0 && j < nodes.length && ids[4 * j] === ids[4 * k] && ids[4 * j + 1] === ids[4 * k + 1] && nodes[j]?.time === nodes[k]?.time;
}


/**
 * Calls `visit` with each node's record, in node order: an encoder writes each record as it comes,
 * so no record list outlives the young generation on large payloads. The record is one object,
 * refilled for every node with every label present (undefined when absent): its one shape keeps
 * the writers' label checks monomorphic. Path errors are thrown before the first record.
 */
export function forEachRecord(nodes: readonly LwM2mNode[], options: SenmlEncodeOptions, visit: (r: SenmlOutRecord) => void): void {
  // Paths are almost always canonical: then no array per node. nodeIds throws EncodeError for a
  // path that is no resource or resource instance.
  withFlatIds(nodes, 3, (flat) => visitRecords(nodes, flat ?? flatIdsOf(nodes.map(nodeIds)), options, visit));
}

function visitRecords(nodes: readonly LwM2mNode[], flat: FlatIds, options: SenmlEncodeOptions, visit: (r: SenmlOutRecord) => void): void {
  const { ids, depth } = flat;
  const groups = requestGroups(options);
  // Base names of the request groups, made once.
  const groupBns = groups.map((g) => (g.length === 0 ? '/' : `${formatPath(g)}/`));
  let currentBn: string | undefined;
  let currentBt: number | undefined;
  const r: SenmlOutRecord = { bn: undefined, bt: undefined, n: undefined, t: undefined, v: undefined, vs: undefined, vb: undefined, vd: undefined, vlo: undefined, at: 0 };
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k] as LwM2mNode;
    const at = 4 * k;
    const d = depth[k] as number;
    let bn: string;
    let n: string | undefined;
    if (options.senmlNames === 'grouped') {
      bn = `/${ids[at]}/${ids[at + 1]}/`;
      n = joinIds(ids, at + 2, d - 2);
    } else {
      // A request path the node lies in; else its instance when a neighbour at the same time
      // shares it; else the node's own path.
      const g = requestGroupOf(ids, at, d, groups);
      const length = g >= 0 ? (groups[g] as PathIds).length : sharesInstance(nodes, flat, k - 1, k) || sharesInstance(nodes, flat, k + 1, k) ? 2 : d;
      if (length === d) {
        bn = d === 3 ? `/${ids[at]}/${ids[at + 1]}/${ids[at + 2]}` : `/${ids[at]}/${ids[at + 1]}/${ids[at + 2]}/${ids[at + 3]}`;
      } else {
        bn = g >= 0 ? (groupBns[g] as string) : `/${ids[at]}/${ids[at + 1]}/`;
        n = joinIds(ids, at + length, d - length);
      }
    }
    let bt: SenmlOutNumber | undefined;
    let t: SenmlOutNumber | undefined;
    if (node.time !== undefined) {
      if (options.senmlTime === 'relative' && currentBt !== undefined) {
        if (node.time !== currentBt) t = numberOf(node.time - currentBt);
      } else if (node.time !== currentBt) {
        bt = numberOf(node.time);
        currentBt = node.time;
        if (options.senmlTime !== 'relative') currentBn = undefined; // bt repeats bn (Leshan)
      }
    }
    // Labels in the order they are written: bn, bt, n, t, then the value (as Zephyr and Leshan write them).
    r.bn = bn !== currentBn ? bn : undefined;
    currentBn = bn;
    r.bt = bt;
    r.n = n;
    r.t = t;
    r.v = r.vs = r.vb = r.vd = r.vlo = undefined;
    setValue(r, node);
    visit(r);
  }
}

function numberOf(v: number): SenmlOutNumber {
  return Number.isSafeInteger(v) ? { int: v } : Number.isInteger(v) ? { int: BigInt(v) } : { float: v };
}

function setValue(r: SenmlOutRecord, node: LwM2mNode): void {
  const v = node.value as LwM2mValue;
  switch (node.type) {
    case 'string':
    case 'corelnk':
      r.vs = v as string;
      return;
    case 'integer':
    case 'unsigned':
    case 'time':
      r.v = typeof v === 'number' && Number.isSafeInteger(v) ? { int: v } : { int: toBigInt(v) ?? 0n };
      return;
    case 'float':
      r.v = { float: v as number };
      return;
    case 'boolean':
      r.vb = v as boolean;
      return;
    case 'opaque':
      r.vd = v as Uint8Array;
      return;
    case 'objlnk':
      r.vlo = formatObjectLink(v as ObjectLink);
      return;
    default:
      throw new EncodeError('senml', `cannot encode a ${node.type} node at ${node.path}`);
  }
}

/** Path-only records (Read-Composite / Observe-Composite requests): names, no values, no time. */
export function recordsToPaths(records: readonly SenmlRecord[], format: string, where: (at: number) => RecordPosition): string[] {
  let bn = '';
  return records.map((r) => {
    if (r.bn !== undefined) bn = r.bn;
    if (valueCount(r) > 0 || r.t !== undefined || r.bt !== undefined) {
      throw new DecodeFailure({ format, reason: 'a path list record carries a value or time', ...where(r.at) });
    }
    const name = bn + (r.n ?? '');
    const ids = parsePath(name, { allowRelative: false });
    if (!ids.ok) throw new DecodeFailure({ format, reason: `'${name}' is not a path`, ...where(r.at) });
    return formatPath(ids.value);
  });
}
