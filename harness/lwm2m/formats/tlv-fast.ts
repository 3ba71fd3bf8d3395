// The common case of TLV decoding in one pass: well-formed records, no duplicate ids, ids that
// match the request path, values that fit their types. It gives up (undefined) at the first
// thing outside that case and the exact decoder (tlv-decode.ts) decides, so only accepted input
// needs to match its result, and every error keeps its exact offset and reason.

import type { LwM2mNode } from '../node.ts';
import { parsePath, type PathIds } from '../path.ts';
import type { DecodeContext } from './codec.ts';
import { ResourceTypes } from './resource-types.ts';
import { TLV_MULTIPLE_RESOURCE, TLV_OBJECT_INSTANCE, TLV_RESOURCE_INSTANCE, TLV_RESOURCE_VALUE, TlvHeader } from './tlv-records.ts';
import { readTlvValue, TlvValueProblem } from './tlv-value.ts';

// Duplicate ids while walking: one stamp table per nesting level (sibling lists of one level
// never overlap in time), a fresh stamp per list.
const LEVEL = 0x10000;
const stamps = new Uint32Array(3 * LEVEL);
let lastStamp = 0;
// A model that decodes TLV itself would reuse the tables mid-walk: such a nested decode takes
// the exact path instead.
let busy = false;

function nextStamp(): number {
  if (++lastStamp === 0xffffffff) {
    stamps.fill(0);
    lastStamp = 1;
  }
  return lastStamp;
}

/** Reads the header at `at`; false when it or its value does not fit before `end`. */
function readWithin(h: TlvHeader, bytes: Uint8Array, at: number, end: number): boolean {
  h.read(bytes, at);
  return h.start <= end && h.end <= end;
}

class FastWalk {
  readonly out: LwM2mNode[] = [];
  readonly inner = new TlvHeader();
  private readonly types: ResourceTypes;

  constructor(readonly bytes: Uint8Array, context: DecodeContext, request: PathIds) {
    this.types = new ResourceTypes(context, request);
  }

  /** A value node; false when the bytes do not fit the type. */
  value(h: TlvHeader, path: string, o: number, r: number): boolean {
    const type = this.types.typeOf(o, r) ?? 'opaque';
    const value = readTlvValue(this.bytes, h.start, h.end, type);
    if (value instanceof TlvValueProblem) return false;
    this.out.push({ path, type, value });
    return true;
  }

  /** Resource instances of a multiple resource at `path`. */
  instances(h: TlvHeader, path: string, o: number, r: number): boolean {
    const bytes = this.bytes;
    const end = h.end;
    if (h.start === end) {
      this.out.push({ path, type: 'multiple', value: [] });
      return true;
    }
    const stamp = nextStamp();
    const ri = this.inner;
    const prefix = `${path}/`;
    for (let p = h.start; p < end; p = ri.end) {
      if (!readWithin(ri, bytes, p, end) || ri.kind !== TLV_RESOURCE_INSTANCE) return false;
      const slot = 2 * LEVEL + ri.id;
      if (stamps[slot] === stamp) return false;
      stamps[slot] = stamp;
      if (!this.value(ri, prefix + ri.id, o, r)) return false;
    }
    return true;
  }

  /** Resources (single or multiple) in bytes[start, end) below '/o/i/', at nesting `level`. */
  resources(start: number, end: number, base: string, o: number, level: number, only: number | undefined): boolean {
    const bytes = this.bytes;
    const h = new TlvHeader();
    const stamp = nextStamp();
    for (let p = start; p < end; p = h.end) {
      if (!readWithin(h, bytes, p, end)) return false;
      const r = h.id;
      if ((h.kind !== TLV_RESOURCE_VALUE && h.kind !== TLV_MULTIPLE_RESOURCE) || (only !== undefined && r !== only)) return false;
      const slot = level * LEVEL + r;
      if (stamps[slot] === stamp) return false;
      stamps[slot] = stamp;
      const path = base + r;
      if (h.kind === TLV_RESOURCE_VALUE ? !this.value(h, path, o, r) : !this.instances(h, path, o, r)) return false;
    }
    return true;
  }
}

/** Nodes of a TLV payload in the common case, or undefined: then the exact decoder runs. */
export function decodeTlvFast(bytes: Uint8Array, context: DecodeContext): LwM2mNode[] | undefined {
  if (busy || !(bytes instanceof Uint8Array) || bytes.length === 0 || context.path === undefined) return undefined;
  const parsed = parsePath(context.path);
  if (!parsed.ok || parsed.value.length === 0) return undefined;
  busy = true;
  try {
    return walk(bytes, context, parsed.value);
  } catch {
    // A model that throws: the exact decoder reports it where the old order says.
    return undefined;
  } finally {
    busy = false;
  }
}

function walk(bytes: Uint8Array, context: DecodeContext, request: PathIds): LwM2mNode[] | undefined {
  const o = request[0] as number;
  const end = bytes.length;
  const w = new FastWalk(bytes, context, request);
  const top = new TlvHeader();
  const firstKind = (bytes[0] as number) >> 6;
  if (firstKind === TLV_OBJECT_INSTANCE) {
    const stamp = nextStamp();
    for (let p = 0; p < end; p = top.end) {
      if (!readWithin(top, bytes, p, end) || top.kind !== TLV_OBJECT_INSTANCE) return undefined;
      const i = top.id;
      if ((request.length >= 2 && i !== request[1]) || stamps[i] === stamp) return undefined;
      stamps[i] = stamp;
      const base = `/${o}/${i}`;
      if (top.start === top.end) w.out.push({ path: base, type: 'instance', value: [] });
      else if (!w.resources(top.start, top.end, `${base}/`, o, 1, request[2])) return undefined;
    }
    return w.out;
  }
  const i = request[1] ?? 0;
  if (firstKind === TLV_RESOURCE_INSTANCE) {
    const r = request[2];
    if (r === undefined) return undefined;
    const stamp = nextStamp();
    const prefix = `/${o}/${i}/${r}/`;
    for (let p = 0; p < end; p = top.end) {
      if (!readWithin(top, bytes, p, end) || top.kind !== TLV_RESOURCE_INSTANCE) return undefined;
      if ((request.length === 4 && top.id !== request[3]) || stamps[top.id] === stamp) return undefined;
      stamps[top.id] = stamp;
      if (!w.value(top, prefix + top.id, o, r)) return undefined;
    }
    return w.out;
  }
  return w.resources(0, end, `/${o}/${i}/`, o, 0, request[2]) ? w.out : undefined;
}
