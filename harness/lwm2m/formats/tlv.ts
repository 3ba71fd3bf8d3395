// OMA-TLV (content-format 11542): LwM2M nodes to and from TLV records at a request path
// (Core §7.4.3). Types are not on the wire: they come from the ObjectModel or the caller;
// an unknown resource decodes as opaque.

import { DecodeFailure, fail, guard, type DecodeResult } from '../decode-error.ts';
import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { formatPath, parsePath, type PathIds } from '../path.ts';
import type { LwM2mValue } from '../value.ts';
import { EncodeError, resourceTyping, type ContentFormatCodec, type DecodeContext, type EncodeOptions } from './codec.ts';
import { encodeTlvRecords, readTlvRecords, type TlvRecord, type TlvTree } from './tlv-records.ts';
import { decodeTlvValue, encodeTlvValue } from './tlv-value.ts';

const FORMAT = 'tlv';

function failAt(offset: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, offset, reason });
}

function requestIds(context: DecodeContext | undefined): PathIds {
  if (context?.path === undefined) return [];
  const ids = parsePath(context.path);
  if (!ids.ok) throw new DecodeFailure({ ...ids.error, format: FORMAT });
  return ids.value;
}

function checkUnique(records: readonly TlvRecord[], what: string): void {
  const seen = new Set<number>();
  for (const r of records) {
    if (seen.has(r.id)) failAt(r.offset, `duplicate ${what} id ${r.id}`);
    seen.add(r.id);
  }
}

function decodeValue(record: TlvRecord, context: DecodeContext, request: PathIds, ids: number[]): LwM2mNode {
  const type: ValueType = resourceTyping(context, request, ids).type ?? 'opaque';
  const v = decodeTlvValue(record.value as Uint8Array, type);
  if (!v.ok) failAt(record.offset, `${formatPath(ids)}: ${v.reason}`);
  return { path: formatPath(ids), type, value: v.value };
}

function decodeResource(record: TlvRecord, context: DecodeContext, request: PathIds, o: number, i: number, out: LwM2mNode[]): void {
  if (record.kind === 'RESOURCE_VALUE') {
    out.push(decodeValue(record, context, request, [o, i, record.id]));
    return;
  }
  const children = record.children ?? [];
  checkUnique(children, 'resource instance');
  if (children.length === 0) out.push({ path: formatPath([o, i, record.id]), type: 'multiple', value: [] });
  for (const c of children) out.push(decodeValue(c, context, request, [o, i, record.id, c.id]));
}

function decodeNodes(payload: Uint8Array, context: DecodeContext): LwM2mNode[] {
  const request = requestIds(context);
  const records = readTlvRecords(payload, 0, payload.length);
  const out: LwM2mNode[] = [];
  const o = request[0];
  if (records.length === 0) {
    if (request.length <= 1) return out;
    if (request.length === 2) return [{ path: formatPath(request), type: 'instance', value: [] }];
    if (request.length === 3 && resourceTyping(context, request, request).multiple === true) {
      return [{ path: formatPath(request), type: 'multiple', value: [] }];
    }
    return failAt(0, `empty payload for ${formatPath(request)}, which is not a container`);
  }
  if (o === undefined) return failAt(0, 'TLV needs a request path naming the object');
  const kinds = new Set(records.map((r) => (r.kind === 'MULTIPLE_RESOURCE' ? 'RESOURCE_VALUE' : r.kind)));
  if (kinds.size > 1) return failAt(0, 'object instances, resources and resource instances mixed at the top level');
  const first = records[0] as TlvRecord;
  if (first.kind === 'OBJECT_INSTANCE') {
    checkUnique(records, 'object instance');
    for (const inst of records) {
      if (request.length >= 2 && inst.id !== request[1]) failAt(inst.offset, `object instance ${inst.id} does not match the request path ${formatPath(request)}`);
      const children = inst.children ?? [];
      checkUnique(children, 'resource');
      if (children.length === 0) out.push({ path: formatPath([o, inst.id]), type: 'instance', value: [] });
      for (const res of children) {
        if (request.length >= 3 && res.id !== request[2]) failAt(res.offset, `resource ${res.id} does not match the request path ${formatPath(request)}`);
        decodeResource(res, context, request, o, inst.id, out);
      }
    }
    return out;
  }
  const i = request[1] ?? 0;
  if (first.kind === 'RESOURCE_INSTANCE') {
    const r = request[2];
    if (r === undefined) return failAt(first.offset, 'resource instances at the top level need a resource request path');
    checkUnique(records, 'resource instance');
    for (const ri of records) {
      if (request.length === 4 && ri.id !== request[3]) failAt(ri.offset, `resource instance ${ri.id} does not match the request path ${formatPath(request)}`);
      out.push(decodeValue(ri, context, request, [o, i, r, ri.id]));
    }
    return out;
  }
  checkUnique(records, 'resource');
  for (const res of records) {
    if (request.length >= 3 && res.id !== request[2]) failAt(res.offset, `resource ${res.id} does not match the request path ${formatPath(request)}`);
    decodeResource(res, context, request, o, i, out);
  }
  return out;
}

export function decodeTlv(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  if (!(payload instanceof Uint8Array)) return fail(FORMAT, 'payload is not bytes');
  return guard(FORMAT, () => decodeNodes(payload, context));
}

// ---- encoding ----

interface ResourceGroup {
  id: number;
  single?: LwM2mNode;
  instances: LwM2mNode[];
  emptyMultiple: boolean;
}

interface InstanceGroup {
  id: number;
  resources: Map<number, ResourceGroup>;
}

function commonPrefix(all: readonly PathIds[]): number[] {
  if (all.length === 0) return [];
  const first = all[0] as PathIds;
  let n = first.length;
  for (const ids of all) {
    n = Math.min(n, ids.length);
    for (let k = 0; k < n; k++) if (ids[k] !== first[k]) n = k;
  }
  return first.slice(0, n);
}

function nodeIds(node: LwM2mNode): PathIds {
  const ids = parsePath(node.path);
  if (!ids.ok || ids.value.length < 2) throw new EncodeError(FORMAT, `node path '${node.path}' is not an instance, resource or resource instance`);
  return ids.value;
}

export function encodeTlv(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  const all = nodes.map(nodeIds);
  const request: PathIds = options.path !== undefined ? requestIdsForEncode(options.path) : commonPrefix(all);
  const objects = new Set(all.map((ids) => ids[0]));
  if (objects.size > 1) throw new EncodeError(FORMAT, 'TLV carries one object; nodes span several');
  const instances = new Map<number, InstanceGroup>();
  nodes.forEach((node, k) => {
    const ids = all[k] as PathIds;
    const i = ids[1] as number;
    let inst = instances.get(i);
    if (!inst) instances.set(i, (inst = { id: i, resources: new Map() }));
    if (ids.length === 2) return; // empty instance
    const r = ids[2] as number;
    let res = inst.resources.get(r);
    if (!res) inst.resources.set(r, (res = { id: r, instances: [], emptyMultiple: false }));
    if (ids.length === 4) res.instances.push(node);
    else if (node.type === 'multiple') res.emptyMultiple = true;
    else res.single = node;
  });
  const floatWidth = options.floatWidth ?? 'double';
  const value = (node: LwM2mNode) => encodeTlvValue(node.type as ValueType, node.value as LwM2mValue, floatWidth);
  const resourceRecord = (res: ResourceGroup): TlvTree => {
    if (res.single && (res.instances.length > 0 || res.emptyMultiple)) throw new EncodeError(FORMAT, `resource ${res.id} is both single and multiple`);
    if (res.single) return { kind: 'RESOURCE_VALUE', id: res.id, value: value(res.single) };
    return {
      kind: 'MULTIPLE_RESOURCE',
      id: res.id,
      children: res.instances.map((n): TlvTree => ({ kind: 'RESOURCE_INSTANCE', id: nodeIds(n)[3] as number, value: value(n) })),
    };
  };
  const resourcesOf = (inst: InstanceGroup) => [...inst.resources.values()].map(resourceRecord);
  if (request.length <= 1) {
    return encodeTlvRecords([...instances.values()].map((inst): TlvTree => ({ kind: 'OBJECT_INSTANCE', id: inst.id, children: resourcesOf(inst) })));
  }
  if (instances.size > 1) throw new EncodeError(FORMAT, `nodes span several instances below ${formatPath(request)}`);
  const inst = [...instances.values()][0];
  if (!inst) return new Uint8Array(0);
  if (request.length === 2) return encodeTlvRecords(resourcesOf(inst));
  const res = inst.resources.get(request[2] as number);
  if (!res || inst.resources.size > 1) throw new EncodeError(FORMAT, `nodes do not all lie below ${formatPath(request)}`);
  if (request.length === 3) return encodeTlvRecords([resourceRecord(res)]);
  const only = res.instances[0];
  if (res.instances.length !== 1 || !only) throw new EncodeError(FORMAT, `one resource instance expected at ${formatPath(request)}`);
  return encodeTlvRecords([{ kind: 'RESOURCE_INSTANCE', id: request[3] as number, value: value(only) }]);
}

function requestIdsForEncode(path: string): PathIds {
  const ids = parsePath(path);
  if (!ids.ok) throw new EncodeError(FORMAT, `invalid path '${path}'`);
  return ids.value;
}

export const tlvCodec: ContentFormatCodec = {
  number: 11542,
  name: 'tlv',
  mediaType: 'application/vnd.oma.lwm2m+tlv',
  decode: decodeTlv,
  encode: encodeTlv,
};
