// The path ids of every node of an encode in one typed array, four slots per node, for the
// encoders' in-order writers: an array per node would outlive the young generation on large
// payloads and make encoding time grow faster than the size.

import type { LwM2mNode } from '../node.ts';
import { readCanonicalPathIds, type PathIds } from '../path.ts';

export interface FlatIds {
  /** Ids of node k at [4k, 4k + depth[k]). */
  readonly ids: Int32Array;
  /** How many ids each node's path has. */
  readonly depth: Uint8Array;
}

/** The ids of all nodes, or undefined when a path is not canonical or has fewer than `minDepth` ids. */
export function flatIds(nodes: readonly LwM2mNode[], minDepth: number): FlatIds | undefined {
  const ids = new Int32Array(4 * nodes.length);
  const depth = new Uint8Array(nodes.length);
  for (let k = 0; k < nodes.length; k++) {
    const d = readCanonicalPathIds((nodes[k] as LwM2mNode).path, ids, 4 * k);
    if (d < minDepth) return undefined;
    depth[k] = d;
  }
  return { ids, depth };
}

/** The same from ids already parsed (paths of at most four ids). */
export function flatIdsOf(all: readonly PathIds[]): FlatIds {
  const ids = new Int32Array(4 * all.length);
  const depth = new Uint8Array(all.length);
  for (let k = 0; k < all.length; k++) {
    const path = all[k] as PathIds;
    ids.set(path, 4 * k);
    depth[k] = path.length;
  }
  return { ids, depth };
}

/** ids[at, at + n) joined by '/' (a relative name), without an array. */
export function joinIds(ids: Int32Array, at: number, n: number): string {
  let out = n > 0 ? String(ids[at]) : '';
  for (let k = 1; k < n; k++) out += `/${ids[at + k]}`;
  return out;
}
