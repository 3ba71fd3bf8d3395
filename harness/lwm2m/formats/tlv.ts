// OMA-TLV (content-format 11542): LwM2M nodes to and from TLV records at a request path
// (Core §7.4.3). Types are not on the wire: they come from the ObjectModel or the caller;
// an unknown resource decodes as opaque.

import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { formatPath, parsePath, type PathIds } from '../path.ts';
import type { LwM2mValue } from '../value.ts';
import { EncodeError, type ContentFormatCodec, type EncodeOptions } from './codec.ts';
import { decodeTlv } from './tlv-decode.ts';
import { encodeTlvRecords, type TlvTree } from './tlv-records.ts';
import { encodeTlvValue } from './tlv-value.ts';

export { decodeTlv };

const FORMAT = 'tlv';

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
