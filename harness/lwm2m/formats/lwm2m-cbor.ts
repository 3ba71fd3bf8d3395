// LwM2M CBOR (content-format 11544, Core 1.2 §7.4.7, Appendix C): nested maps keyed by ids or
// arrays of ids, e.g. {[3,0]: {9: 100, 6: {0: 1}}}. The decoder accepts every key layout
// (array keys, nested uint keys, definite and indefinite maps, Gateway text prefixes at the top);
// the encoder writes the compact layout: per object, one key up to the first branching.

import { CborWriter } from '../cbor/writer.ts';
import type { LwM2mNode } from '../node.ts';
import { canonicalPathIds, parsePath, type PathIds } from '../path.ts';
import type { LwM2mValue } from '../value.ts';
import { EncodeError, type ContentFormatCodec, type EncodeOptions } from './codec.ts';
import { writeCborValue } from './cbor-value.ts';
import { decodeLwm2mCbor } from './lwm2m-cbor-decode.ts';
import { withFlatIds, type FlatIds } from './flat-ids.ts';

export { decodeLwm2mCbor };

const FORMAT = 'lwm2m-cbor';

// ---- encoding ----

/** A map level of the output: entries by id in order of first appearance, or a value (leaf). */
interface Tree {
  children?: Map<number, Tree>;
  leaf?: LwM2mNode;
}

interface Group {
  readonly prefix?: string;
  readonly object: number;
  readonly paths: PathIds[];
  readonly nodes: LwM2mNode[];
}

function writeTree(w: CborWriter, tree: Tree, options: EncodeOptions): void {
  if (tree.leaf && tree.leaf.type !== 'instance' && tree.leaf.type !== 'multiple') {
    writeCborValue(w, tree.leaf.type, tree.leaf.value as LwM2mValue, options, 'lwm2m-cbor');
    return;
  }
  const children = tree.children;
  w.mapHeader(children === undefined ? 0 : children.size);
  if (children === undefined) return;
  for (const [id, child] of children) {
    w.integer(id);
    writeTree(w, child, options);
  }
}

function nodeIds(node: LwM2mNode): PathIds {
  // Node paths are almost always canonical: read those without a result object.
  const canonical = canonicalPathIds(node.path);
  if (canonical !== undefined && canonical.length >= 2) return canonical;
  const ids = parsePath(node.path);
  if (!ids.ok || ids.value.length < 2) throw new EncodeError(FORMAT, `node path '${node.path}' is not an instance, resource or resource instance`);
  return ids.value;
}

function writeLeaf(w: CborWriter, node: LwM2mNode, options: EncodeOptions): void {
  if (node.type === 'instance' || node.type === 'multiple') w.mapHeader(0);
  else writeCborValue(w, node.type, node.value as LwM2mValue, options, 'lwm2m-cbor');
}

/**
 * Whether the paths ascend strictly, none is the parent of the next, and no node has a Gateway
 * prefix: then every map's entries are runs of consecutive nodes, in the order the tree gives them.
 */
function inPathOrder(nodes: readonly LwM2mNode[], { count, ids, depth }: FlatIds): boolean {
  for (let k = 0; k < count; k++) {
    if ((nodes[k] as LwM2mNode).prefix !== undefined) return false;
    if (k === 0) continue;
    const a = 4 * (k - 1);
    const b = 4 * k;
    const aLength = depth[k - 1] as number;
    const bLength = depth[k] as number;
    let d = 0;
    while (d < aLength && d < bLength && ids[a + d] === ids[b + d]) d++;
    if (d === aLength || d === bLength || (ids[a + d] as number) > (ids[b + d] as number)) return false;
  }
  return true;
}

/** The map of nodes [from, to), which share their ids before `level`: one entry per run of equal ids at `level`. */
function writeRange(w: CborWriter, nodes: readonly LwM2mNode[], flat: FlatIds, level: number, from: number, to: number, options: EncodeOptions): void {
  const { ids, depth } = flat;
  let count = 0;
  for (let k = from; k < to; count++) {
    const id = ids[4 * k + level];
    while (k < to && ids[4 * k + level] === id) k++;
  }
  w.mapHeader(count);
  for (let k = from; k < to; ) {
    const start = k;
    const id = ids[4 * k + level] as number;
    while (k < to && ids[4 * k + level] === id) k++;
    w.integer(id);
    if (k - start === 1 && depth[start] === level + 1) writeLeaf(w, nodes[start] as LwM2mNode, options);
    else writeRange(w, nodes, flat, level + 1, start, k, options);
  }
}

/** Nodes in path order, written object by object without building a tree. */
function writeInPathOrder(nodes: readonly LwM2mNode[], flat: FlatIds, options: EncodeOptions): Uint8Array {
  const { count: n, ids, depth } = flat;
  let objects = 0;
  for (let k = 0; k < n; k++) if (k === 0 || ids[4 * k] !== ids[4 * k - 4]) objects++;
  // About 16 bytes per node: most payloads then fit the first buffer.
  const w = new CborWriter(16 * n).mapHeader(objects);
  for (let from = 0; from < n; ) {
    const object = ids[4 * from] as number;
    let to = from + 1;
    while (to < n && ids[4 * to] === object) to++;
    // Sorted paths: what all share is what the first and the last share.
    const first = 4 * from;
    const last = 4 * (to - 1);
    const shared = Math.min(depth[from] as number, depth[to - 1] as number);
    let common = 0;
    while (common < shared && ids[first + common] === ids[last + common]) common++;
    if (common === 1) w.integer(object);
    else {
      w.arrayHeader(common);
      for (let k = 0; k < common; k++) w.integer(ids[first + k] as number);
    }
    if (to - from === 1) writeLeaf(w, nodes[from] as LwM2mNode, options);
    else writeRange(w, nodes, flat, common, from, to, options);
    from = to;
  }
  return w.finish();
}

export function encodeLwm2mCbor(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  return withFlatIds(nodes, 2, (flat) => {
    if (flat !== undefined && inPathOrder(nodes, flat)) {
      return writeInPathOrder(nodes, flat, options.floatWidth === undefined ? { ...options, floatWidth: 'shortest' } : options);
    }
    return encodeLwm2mCborTree(nodes, nodes.map(nodeIds), options);
  });
}

/** The general case (the reference the in-order writer must agree with; exported for tests). */
export function encodeLwm2mCborGrouped(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  return encodeLwm2mCborTree(nodes, nodes.map(nodeIds), options);
}

function encodeLwm2mCborTree(nodes: readonly LwM2mNode[], all: readonly PathIds[], options: EncodeOptions): Uint8Array {
  // Group by (prefix, object) in order of first appearance; consecutive nodes usually share one.
  const groups = new Map<string, Group>();
  let last: Group | undefined;
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k] as LwM2mNode;
    const ids = all[k] as PathIds;
    const object = ids[0] as number;
    if (last === undefined || last.object !== object || last.prefix !== node.prefix) {
      const key = `${node.prefix ?? ''}\u0000${object}`;
      last = groups.get(key);
      if (!last) groups.set(key, (last = node.prefix === undefined ? { object, paths: [], nodes: [] } : { prefix: node.prefix, object, paths: [], nodes: [] }));
    }
    last.paths.push(ids);
    last.nodes.push(node);
  }
  const options2: EncodeOptions = { ...options, floatWidth: options.floatWidth ?? 'shortest' };
  const w = new CborWriter().mapHeader(groups.size);
  for (const g of groups.values()) {
    const first = g.paths[0] as PathIds;
    let common = first.length;
    for (const p of g.paths) {
      let k = 0;
      while (k < common && k < p.length && first[k] === p[k]) k++;
      common = k;
    }
    // A single leaf keeps its full path in the key; otherwise the key stops at the branching.
    const root: Tree = {};
    for (let k = 0; k < g.nodes.length; k++) {
      const node = g.nodes[k] as LwM2mNode;
      const path = g.paths[k] as PathIds;
      let t = root;
      for (let level = common; level < path.length; level++) {
        const id = path[level] as number;
        const children = (t.children ??= new Map());
        let next = children.get(id);
        if (!next) children.set(id, (next = {}));
        t = next;
      }
      if (t.leaf || (t.children !== undefined && t.children.size > 0)) throw new EncodeError(FORMAT, `${node.path} given twice or both as value and container`);
      t.leaf = node;
    }
    const keyLength = (g.prefix === undefined ? 0 : 1) + common;
    if (keyLength === 1 && g.prefix === undefined) w.integer(first[0] as number);
    else {
      w.arrayHeader(keyLength);
      if (g.prefix !== undefined) w.text(g.prefix);
      for (let k = 0; k < common; k++) w.integer(first[k] as number);
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
