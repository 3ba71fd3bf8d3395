// OMA-TLV decoding into LwM2M nodes at a request path (Core §7.4.3), exactly: every error with
// its offset and reason, in the order of the record structure. Common payloads are decoded by
// tlv-fast.ts in one pass; this decoder takes the rest, straight from the bytes: one checking
// pass over the record structure, then a walk that reads each header again and builds nodes
// with paths made from the integer ids. No intermediate records, no per-container Set.

import { DecodeFailure, type DecodeResult, fail, guard } from '../decode-error.ts';
import type { LwM2mNode } from '../node.ts';
import { formatPath, parsePath, type PathIds } from '../path.ts';
import { resourceTyping, type DecodeContext } from './codec.ts';
import { ResourceTypes } from './resource-types.ts';
import { decodeTlvFast } from './tlv-fast.ts';
import { checkTlvStructure, TLV_MULTIPLE_RESOURCE, TLV_OBJECT_INSTANCE, TLV_RESOURCE_INSTANCE, TLV_RESOURCE_VALUE, TlvHeader } from './tlv-records.ts';
import { readTlvValue, TlvValueProblem } from './tlv-value.ts';

const FORMAT = 'tlv';

function failAt(offset: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, offset, reason });
}

// Duplicate-id checks without a Set per container: one stamp per id, a fresh stamp value per
// sibling list. Each check runs to completion before any other, so one table serves them all.
const stamps = new Uint32Array(65536);
let stamp = 0;

function checkUnique(bytes: Uint8Array, start: number, end: number, h: TlvHeader, what: string): void {
  if (++stamp === 0xffffffff) {
    stamps.fill(0);
    stamp = 1;
  }
  for (let p = start; p < end; ) {
    p = h.read(bytes, p);
    if (stamps[h.id] === stamp) failAt(h.at, `duplicate ${what} id ${h.id}`);
    stamps[h.id] = stamp;
  }
}

/** What one decode needs at hand: input, request path, typing, output, reusable headers. */
class TlvWalk {
  readonly out: LwM2mNode[] = [];
  readonly scan = new TlvHeader();
  readonly inner = new TlvHeader();
  private readonly types: ResourceTypes;

  constructor(readonly bytes: Uint8Array, request: PathIds, context: DecodeContext) {
    this.types = new ResourceTypes(context, request);
  }

  value(h: TlvHeader, path: string, o: number, r: number): void {
    const type = this.types.typeOf(o, r) ?? 'opaque';
    const value = readTlvValue(this.bytes, h.start, h.end, type);
    if (value instanceof TlvValueProblem) failAt(h.at, `${path}: ${value.reason}`);
    this.out.push({ path, type, value });
  }

  /** A resource record (single value or multiple) below `base` = '/o/i/'. */
  resource(h: TlvHeader, base: string, o: number): void {
    const r = h.id;
    const path = base + r;
    if (h.kind === TLV_RESOURCE_VALUE) {
      this.value(h, path, o, r);
      return;
    }
    const bytes = this.bytes;
    const start = h.start;
    const end = h.end;
    checkUnique(bytes, start, end, this.scan, 'resource instance');
    if (start === end) this.out.push({ path, type: 'multiple', value: [] });
    const ri = this.inner;
    const prefix = `${path}/`;
    for (let p = start; p < end; ) {
      p = ri.read(bytes, p);
      this.value(ri, prefix + ri.id, o, r);
    }
  }
}

function requestIds(context: DecodeContext): PathIds {
  if (context.path === undefined) return [];
  const ids = parsePath(context.path);
  if (!ids.ok) throw new DecodeFailure({ ...ids.error, format: FORMAT });
  return ids.value;
}

/** A multiple resource counts as a resource when checking that top-level kinds agree. */
function kindOf(kind: number): number {
  return kind === TLV_MULTIPLE_RESOURCE ? TLV_RESOURCE_VALUE : kind;
}

function decodeNodes(bytes: Uint8Array, context: DecodeContext): LwM2mNode[] {
  const request = requestIds(context);
  const end = bytes.length;
  checkTlvStructure(bytes, 0, end);
  if (end === 0) {
    if (request.length <= 1) return [];
    if (request.length === 2) return [{ path: formatPath(request), type: 'instance', value: [] }];
    if (request.length === 3 && resourceTyping(context, request, request).multiple === true) {
      return [{ path: formatPath(request), type: 'multiple', value: [] }];
    }
    return failAt(0, `empty payload for ${formatPath(request)}, which is not a container`);
  }
  const o = request[0];
  if (o === undefined) return failAt(0, 'TLV needs a request path naming the object');
  const walk = new TlvWalk(bytes, request, context);
  const top = new TlvHeader();
  top.read(bytes, 0);
  const firstKind = top.kind;
  const firstAt = top.at;
  for (let p = 0; p < end; ) {
    p = top.read(bytes, p);
    if (kindOf(top.kind) !== kindOf(firstKind)) return failAt(0, 'object instances, resources and resource instances mixed at the top level');
  }
  const out = walk.out;
  if (firstKind === TLV_OBJECT_INSTANCE) {
    checkUnique(bytes, 0, end, walk.scan, 'object instance');
    const res = new TlvHeader();
    for (let p = 0; p < end; ) {
      p = top.read(bytes, p);
      const i = top.id;
      if (request.length >= 2 && i !== request[1]) failAt(top.at, `object instance ${i} does not match the request path ${formatPath(request)}`);
      checkUnique(bytes, top.start, top.end, walk.scan, 'resource');
      const base = `/${o}/${i}`;
      if (top.start === top.end) out.push({ path: base, type: 'instance', value: [] });
      const prefix = `${base}/`;
      for (let q = top.start; q < top.end; ) {
        q = res.read(bytes, q);
        if (request.length >= 3 && res.id !== request[2]) failAt(res.at, `resource ${res.id} does not match the request path ${formatPath(request)}`);
        walk.resource(res, prefix, o);
      }
    }
    return out;
  }
  const i = request[1] ?? 0;
  if (firstKind === TLV_RESOURCE_INSTANCE) {
    const r = request[2];
    if (r === undefined) return failAt(firstAt, 'resource instances at the top level need a resource request path');
    checkUnique(bytes, 0, end, walk.scan, 'resource instance');
    const prefix = `/${o}/${i}/${r}/`;
    for (let p = 0; p < end; ) {
      p = top.read(bytes, p);
      if (request.length === 4 && top.id !== request[3]) failAt(top.at, `resource instance ${top.id} does not match the request path ${formatPath(request)}`);
      walk.value(top, prefix + top.id, o, r);
    }
    return out;
  }
  checkUnique(bytes, 0, end, walk.scan, 'resource');
  const prefix = `/${o}/${i}/`;
  for (let p = 0; p < end; ) {
    p = top.read(bytes, p);
    if (request.length >= 3 && top.id !== request[2]) failAt(top.at, `resource ${top.id} does not match the request path ${formatPath(request)}`);
    walk.resource(top, prefix, o);
  }
  return out;
}

/** The exact decoder alone, without the one-pass fast path (which must agree with it). */
export function decodeTlvExact(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  if (!(payload instanceof Uint8Array)) return fail(FORMAT, 'payload is not bytes');
  return guard(FORMAT, () => decodeNodes(payload, context));
}

export function decodeTlv(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  const fast = decodeTlvFast(payload, context);
  return fast !== undefined ? { ok: true, value: fast } : decodeTlvExact(payload, context);
}
