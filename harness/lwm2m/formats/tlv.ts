// OMA-TLV (content-format 11542): LwM2M nodes to and from TLV records at a request path
// (Core §7.4.3). Types are not on the wire: they come from the ObjectModel or the caller;
// an unknown resource decodes as opaque.

import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { canonicalPathIds, formatPath, parsePath, type PathIds } from '../path.ts';
import type { LwM2mValue } from '../value.ts';
import { EncodeError, type ContentFormatCodec, type EncodeOptions } from './codec.ts';
import { withFlatIds, type FlatIds } from './flat-ids.ts';
import { decodeTlv } from './tlv-decode.ts';
import { TLV_MULTIPLE_RESOURCE, TLV_OBJECT_INSTANCE, TLV_RESOURCE_INSTANCE, TLV_RESOURCE_VALUE } from './tlv-records.ts';
import { TlvWriter } from './tlv-writer.ts';

export { decodeTlv };

const FORMAT = 'tlv';

// ---- encoding ----

interface ResourceGroup {
  id: number;
  single?: LwM2mNode;
  instances: LwM2mNode[];
  /** Resource instance id of each of `instances`. */
  instanceIds: number[];
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
  // Node paths are almost always canonical: read those without a result object.
  const canonical = canonicalPathIds(node.path);
  if (canonical !== undefined && canonical.length >= 2) return canonical;
  const ids = parsePath(node.path);
  if (!ids.ok || ids.value.length < 2) throw new EncodeError(FORMAT, `node path '${node.path}' is not an instance, resource or resource instance`);
  return ids.value;
}

function writeValue(out: TlvWriter, kind: number, id: number, node: LwM2mNode): void {
  out.value(kind, id, node.type as ValueType, node.value as LwM2mValue);
}

function writeResource(out: TlvWriter, res: ResourceGroup): void {
  if (res.single && (res.instances.length > 0 || res.emptyMultiple)) throw new EncodeError(FORMAT, `resource ${res.id} is both single and multiple`);
  if (res.single) {
    writeValue(out, TLV_RESOURCE_VALUE, res.id, res.single);
    return;
  }
  const start = out.open();
  for (let k = 0; k < res.instances.length; k++) writeValue(out, TLV_RESOURCE_INSTANCE, res.instanceIds[k] as number, res.instances[k] as LwM2mNode);
  out.close(TLV_MULTIPLE_RESOURCE, res.id, start);
}

function writeResources(out: TlvWriter, inst: InstanceGroup): void {
  for (const res of inst.resources.values()) writeResource(out, res);
}

/** The ids all nodes share (as commonPrefix). */
function flatCommonPrefix({ count, ids, depth }: FlatIds): number[] {
  if (count === 0) return [];
  let n = depth[0] as number;
  for (let k = 1; k < count; k++) {
    n = Math.min(n, depth[k] as number);
    for (let d = 0; d < n; d++) if (ids[4 * k + d] !== ids[d]) n = d;
  }
  return Array.from(ids.subarray(0, n));
}

/**
 * Whether grouping would leave the nodes in their order: instances, resources and resource
 * instances ascending, nothing given twice, one instance below an instance request path. Then
 * they can be written as they come, with no grouping tables (and the same errors in the same order).
 */
function inWriteOrder(nodes: readonly LwM2mNode[], { count, ids, depth }: FlatIds, request: PathIds): boolean {
  /** The last node below an instance (a resource or resource instance) in the current instance. */
  let last = -1;
  for (let k = 0; k < count; k++) {
    const at = 4 * k;
    if (k > 0 && ids[at + 1] !== ids[at - 3]) {
      if (request.length === 2 || (ids[at + 1] as number) < (ids[at - 3] as number)) return false;
      last = -1;
    }
    if (depth[k] === 2) continue;
    const prev = last;
    last = k;
    if (prev < 0 || (ids[at + 2] as number) > (ids[4 * prev + 2] as number)) continue;
    if (ids[at + 2] !== ids[4 * prev + 2]) return false;
    // One multiple resource: its instances ascending, or its empty-container node next to them.
    const ordered = depth[k] === 4
      ? depth[prev] === 4 ? (ids[at + 3] as number) > (ids[4 * prev + 3] as number) : nodes[prev]?.type === 'multiple'
      : depth[prev] === 4 && nodes[k]?.type === 'multiple';
    if (!ordered) return false;
  }
  return true;
}

/** Writes nodes that are in write order (instance records only when the request is an object or root). */
function writeInOrder(out: TlvWriter, nodes: readonly LwM2mNode[], { ids, depth }: FlatIds, withInstances: boolean): void {
  let i = -1;
  let instanceStart = 0;
  let r = -1;
  let multipleStart = -1;
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k] as LwM2mNode;
    const at = 4 * k;
    if (ids[at + 1] !== i) {
      if (multipleStart >= 0) out.close(TLV_MULTIPLE_RESOURCE, r, multipleStart);
      if (withInstances && i >= 0) out.close(TLV_OBJECT_INSTANCE, i, instanceStart);
      multipleStart = -1;
      r = -1;
      i = ids[at + 1] as number;
      instanceStart = out.open();
    }
    if (depth[k] === 2) continue;
    if (ids[at + 2] !== r) {
      if (multipleStart >= 0) out.close(TLV_MULTIPLE_RESOURCE, r, multipleStart);
      multipleStart = -1;
      r = ids[at + 2] as number;
      if (depth[k] === 3 && node.type !== 'multiple') {
        writeValue(out, TLV_RESOURCE_VALUE, r, node);
        continue;
      }
      multipleStart = out.open();
    }
    if (depth[k] === 4) writeValue(out, TLV_RESOURCE_INSTANCE, ids[at + 3] as number, node);
  }
  if (multipleStart >= 0) out.close(TLV_MULTIPLE_RESOURCE, r, multipleStart);
  if (withInstances && i >= 0) out.close(TLV_OBJECT_INSTANCE, i, instanceStart);
}

export function encodeTlv(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  return withFlatIds(nodes, 2, (flat) => encodeTlvFlat(nodes, flat, options));
}

function encodeTlvFlat(nodes: readonly LwM2mNode[], flat: FlatIds | undefined, options: EncodeOptions): Uint8Array {
  // Paths that are not canonical or name no instance: the general encoder decides.
  if (flat === undefined) return encodeTlvGrouped(nodes, options);
  const request: PathIds = options.path !== undefined ? requestIdsForEncode(options.path) : flatCommonPrefix(flat);
  for (let k = 1; k < nodes.length; k++) if (flat.ids[4 * k] !== flat.ids[0]) throw new EncodeError(FORMAT, 'TLV carries one object; nodes span several');
  if (request.length <= 2 && inWriteOrder(nodes, flat, request)) {
    const out = new TlvWriter(options.floatWidth ?? 'double', nodes.length);
    writeInOrder(out, nodes, flat, request.length <= 1);
    return out.finish();
  }
  return encodeTlvGrouped(nodes, options);
}

/** The general case (the reference the in-order writer must agree with; exported for tests). */
export function encodeTlvGrouped(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  const all = nodes.map(nodeIds);
  const request: PathIds = options.path !== undefined ? requestIdsForEncode(options.path) : commonPrefix(all);
  for (const ids of all) if (ids[0] !== (all[0] as PathIds)[0]) throw new EncodeError(FORMAT, 'TLV carries one object; nodes span several');
  return writeGrouped(nodes, all, request, options);
}

/** Nodes grouped by instance and resource in order of first appearance, then written. */
function writeGrouped(nodes: readonly LwM2mNode[], all: readonly PathIds[], request: PathIds, options: EncodeOptions): Uint8Array {
  const instances = new Map<number, InstanceGroup>();
  // Nodes usually come grouped: the previous node's instance and resource save two lookups.
  let inst: InstanceGroup | undefined;
  let res: ResourceGroup | undefined;
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k] as LwM2mNode;
    const ids = all[k] as PathIds;
    const i = ids[1] as number;
    if (inst?.id !== i) {
      inst = instances.get(i);
      if (!inst) instances.set(i, (inst = { id: i, resources: new Map() }));
      res = undefined;
    }
    if (ids.length === 2) continue; // empty instance
    const r = ids[2] as number;
    if (res?.id !== r) {
      res = inst.resources.get(r);
      if (!res) inst.resources.set(r, (res = { id: r, instances: [], instanceIds: [], emptyMultiple: false }));
    }
    if (ids.length === 4) {
      res.instances.push(node);
      res.instanceIds.push(ids[3] as number);
    } else if (node.type === 'multiple') res.emptyMultiple = true;
    else res.single = node;
  }
  const out = new TlvWriter(options.floatWidth ?? 'double', nodes.length);
  if (request.length <= 1) {
    for (const inst of instances.values()) {
      const start = out.open();
      writeResources(out, inst);
      out.close(TLV_OBJECT_INSTANCE, inst.id, start);
    }
    return out.finish();
  }
  if (instances.size > 1) throw new EncodeError(FORMAT, `nodes span several instances below ${formatPath(request)}`);
  const only = instances.values().next().value;
  if (!only) return new Uint8Array(0);
  if (request.length === 2) {
    writeResources(out, only);
    return out.finish();
  }
  const resource = only.resources.get(request[2] as number);
  if (!resource || only.resources.size > 1) throw new EncodeError(FORMAT, `nodes do not all lie below ${formatPath(request)}`);
  if (request.length === 3) {
    writeResource(out, resource);
    return out.finish();
  }
  const value = resource.instances[0];
  if (resource.instances.length !== 1 || !value) throw new EncodeError(FORMAT, `one resource instance expected at ${formatPath(request)}`);
  writeValue(out, TLV_RESOURCE_INSTANCE, request[3] as number, value);
  return out.finish();
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
