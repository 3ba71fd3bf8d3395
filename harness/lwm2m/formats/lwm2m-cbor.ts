// LwM2M CBOR (content-format 11544, Core 1.2 §7.4.7, Appendix C): nested maps keyed by ids or
// arrays of ids, e.g. {[3,0]: {9: 100, 6: {0: 1}}}. The decoder accepts every key layout
// (array keys, nested uint keys, definite and indefinite maps, Gateway text prefixes at the top);
// the encoder writes the compact layout: per object, one key up to the first branching.

import { DecodeFailure, guard, type DecodeResult } from '../decode-error.ts';
import { CborMap, readCborItem, type CborValue } from '../cbor/reader.ts';
import { CborWriter } from '../cbor/writer.ts';
import type { LwM2mNode } from '../node.ts';
import { formatPath, isWithin, parsePath, type PathIds } from '../path.ts';
import type { LwM2mValue } from '../value.ts';
import { EncodeError, resourceTyping, type ContentFormatCodec, type DecodeContext, type EncodeOptions } from './codec.ts';
import { cborToValue, writeCborValue } from './cbor-value.ts';
import { requestIds } from './senml.ts';

const FORMAT = 'lwm2m-cbor';

function failAt(offset: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, offset, reason });
}

function keyIds(key: CborValue, at: number, topLevel: boolean): { ids: number[]; prefix?: string } {
  const id = (v: CborValue): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return failAt(at, 'an id must be an unsigned integer');
    if (v > 65535) failAt(at, `id ${v} exceeds 65535`);
    return v;
  };
  if (typeof key === 'number' || typeof key === 'bigint') {
    if (typeof key === 'bigint') failAt(at, `id ${key} exceeds 65535`);
    return { ids: [id(key)] };
  }
  if (typeof key === 'string') {
    if (!topLevel) failAt(at, 'a text key (Gateway prefix) is only allowed at the top level');
    return { ids: [], prefix: key };
  }
  if (Array.isArray(key)) {
    if (key.length === 0) failAt(at, 'empty array key');
    let prefix: string | undefined;
    let items = key;
    if (typeof key[0] === 'string') {
      if (!topLevel) failAt(at, 'a Gateway prefix is only allowed in a top-level key');
      prefix = key[0];
      items = key.slice(1);
    }
    return prefix === undefined ? { ids: items.map(id) } : { ids: items.map(id), prefix };
  }
  return failAt(at, 'a key must be an id, an array of ids or a Gateway prefix');
}

function decodeTree(payload: Uint8Array, context: DecodeContext): LwM2mNode[] {
  const request = requestIds(context, FORMAT);
  const top = readCborItem(payload, FORMAT);
  if (!(top instanceof CborMap)) return failAt(0, 'LwM2M CBOR must be a map');
  const out: LwM2mNode[] = [];
  const leaves = new Map<string, number>(); // path key -> kind (1 value, 2 container)
  const claim = (key: string, kind: number, at: number) => {
    if (leaves.has(key)) failAt(at, `${key} appears twice`);
    leaves.set(key, kind);
  };
  const walk = (map: CborMap, base: number[], prefix: string | undefined, topLevel: boolean) => {
    map.entries.forEach(([key, value], k) => {
      const at = map.keyOffsets[k] ?? map.offset;
      const parsed = keyIds(key, at, topLevel);
      const itemPrefix = parsed.prefix ?? prefix;
      const ids = [...base, ...parsed.ids];
      if (ids.length > 4) failAt(at, `path ${formatPath(ids)} is deeper than 4 levels`);
      const label = `${itemPrefix === undefined ? '' : `${itemPrefix}:`}${formatPath(ids)}`;
      if (value instanceof CborMap) {
        if (ids.length >= 4) failAt(at, `a map below the resource instance ${formatPath(ids)}`);
        if (value.entries.length === 0) {
          if (ids.length >= 2) {
            claim(label, 2, at);
            if (!isWithin(ids, request) && !isWithin(request, ids)) failAt(at, `${formatPath(ids)} lies outside the request path ${formatPath(request)}`);
            const node: { path: string; type: 'instance' | 'multiple'; value: []; prefix?: string } = { path: formatPath(ids), type: ids.length === 2 ? 'instance' : 'multiple', value: [] };
            if (itemPrefix !== undefined) node.prefix = itemPrefix;
            out.push(node);
          }
          return;
        }
        walk(value, ids, itemPrefix, topLevel && parsed.ids.length === 0);
        return;
      }
      if (ids.length < 3) failAt(at, `a value at ${formatPath(ids)}, which is not a resource`);
      if (itemPrefix === undefined && !isWithin(ids, request)) failAt(at, `${formatPath(ids)} lies outside the request path ${formatPath(request)}`);
      claim(label, 1, at);
      const declared = resourceTyping(context, request, ids).type;
      const typed = cborToValue(value, declared);
      if (!typed.ok) failAt(at, `${formatPath(ids)}: ${typed.reason}`);
      if (typed.ok) {
        const node: { path: string; type: typeof typed.type; value: LwM2mValue; prefix?: string } = { path: formatPath(ids), type: typed.type, value: typed.value };
        if (itemPrefix !== undefined) node.prefix = itemPrefix;
        out.push(node);
      }
    });
  };
  walk(top, [], undefined, true);
  // A path may not be both a value (or empty container) and the parent of another entry.
  // Linear: each entry checks its (at most 3) ancestors.
  for (const key of leaves.keys()) {
    for (let cut = key.lastIndexOf('/'); cut > 0; cut = key.lastIndexOf('/', cut - 1)) {
      const ancestor = key.slice(0, cut);
      if (leaves.has(ancestor)) failAt(0, `${ancestor} is both a value or empty container and the parent of ${key}`);
    }
  }
  return out;
}

export function decodeLwm2mCbor(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  return guard(FORMAT, () => decodeTree(payload, context));
}

// ---- encoding ----

interface Tree {
  children: Map<number, Tree>;
  leaf?: LwM2mNode;
}

function writeTree(w: CborWriter, tree: Tree, options: EncodeOptions): void {
  if (tree.leaf && tree.leaf.type !== 'instance' && tree.leaf.type !== 'multiple') {
    writeCborValue(w, tree.leaf.type, tree.leaf.value as LwM2mValue, options, 'lwm2m-cbor');
    return;
  }
  w.mapHeader(tree.children.size);
  for (const [id, child] of tree.children) {
    w.integer(id);
    writeTree(w, child, options);
  }
}

export function encodeLwm2mCbor(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  // Group by (prefix, object) in order of first appearance.
  const groups = new Map<string, { prefix?: string; paths: PathIds[]; nodes: LwM2mNode[] }>();
  for (const node of nodes) {
    const ids = parsePath(node.path);
    if (!ids.ok || ids.value.length < 2) throw new EncodeError(FORMAT, `node path '${node.path}' is not an instance, resource or resource instance`);
    const key = `${node.prefix ?? ''}\u0000${ids.value[0]}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = node.prefix === undefined ? { paths: [], nodes: [] } : { prefix: node.prefix, paths: [], nodes: [] }));
    g.paths.push(ids.value);
    g.nodes.push(node);
  }
  const options2: EncodeOptions = { ...options, floatWidth: options.floatWidth ?? 'shortest' };
  const w = new CborWriter().mapHeader(groups.size);
  for (const g of groups.values()) {
    let common = g.paths[0] as PathIds;
    for (const p of g.paths) {
      let k = 0;
      while (k < common.length && k < p.length && common[k] === p[k]) k++;
      common = common.slice(0, k);
    }
    // A single leaf keeps its full path in the key; otherwise the key stops at the branching.
    const root: Tree = { children: new Map() };
    g.nodes.forEach((node, k) => {
      let t = root;
      for (const id of (g.paths[k] as PathIds).slice(common.length)) {
        let next = t.children.get(id);
        if (!next) t.children.set(id, (next = { children: new Map() }));
        t = next;
      }
      if (t.leaf || t.children.size > 0) throw new EncodeError(FORMAT, `${node.path} given twice or both as value and container`);
      t.leaf = node;
    });
    const key = [...(g.prefix === undefined ? [] : [g.prefix]), ...common];
    if (key.length === 1 && typeof key[0] === 'number') w.integer(key[0]);
    else {
      w.arrayHeader(key.length);
      for (const part of key) {
        if (typeof part === 'string') w.text(part);
        else w.integer(part);
      }
    }
    writeTree(w, root, options2);
  }
  return w.finish();
}

export const lwm2mCborCodec: ContentFormatCodec = {
  number: 11544,
  name: 'lwm2m-cbor',
  mediaType: 'application/vnd.oma.lwm2m+cbor',
  decode: decodeLwm2mCbor,
  encode: encodeLwm2mCbor,
};
