// LwM2M CBOR (content-format 11544, Core 1.2 §7.4.7, Appendix C): nested maps keyed by ids or
// arrays of ids, e.g. {[3,0]: {9: 100, 6: {0: 1}}}. The decoder accepts every key layout
// (array keys, nested uint keys, definite and indefinite maps, Gateway text prefixes at the top);
// the encoder writes the compact layout: per object, one key up to the first branching.

import { CborWriter } from '../cbor/writer.ts';
import type { LwM2mNode } from '../node.ts';
import { parsePath, type PathIds } from '../path.ts';
import type { LwM2mValue } from '../value.ts';
import { EncodeError, type ContentFormatCodec, type EncodeOptions } from './codec.ts';
import { writeCborValue } from './cbor-value.ts';
import { decodeLwm2mCbor } from './lwm2m-cbor-decode.ts';

export { decodeLwm2mCbor };

const FORMAT = 'lwm2m-cbor';

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
