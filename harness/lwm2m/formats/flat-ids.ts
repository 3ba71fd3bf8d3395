// The path ids of every node of an encode in one typed array, four slots per node, for the
// encoders' in-order writers: an array per node would outlive the young generation on large
// payloads and make encoding time grow faster than the size.

import type { LwM2mNode } from '../node.ts';
import { readCanonicalPathIds, type PathIds } from '../path.ts';

export interface FlatIds {
  /** How many nodes: the arrays may be longer. */
  readonly count: number;
  /** Ids of node k at [4k, 4k + depth[k]). */
  readonly ids: Int32Array;
  /** How many ids each node's path has. */
  readonly depth: Uint8Array;
}

// Typed arrays of more than 64 bytes live outside the JS heap, and allocating and freeing a pair
// per encode cost more than reading a 1 KiB payload's paths: one pair is lent to each encode in
// turn, grown geometrically. An encode that starts while it is lent gets its own.
let sharedIds = new Int32Array(256);
let sharedDepth = new Uint8Array(64);
let lent = false;

/** Reads the ids of all nodes into ids and depth; false when a path is not canonical or has fewer than `minDepth` ids. */
function readAll(nodes: readonly LwM2mNode[], minDepth: number, ids: Int32Array, depth: Uint8Array): boolean {
  for (let k = 0; k < nodes.length; k++) {
    const d = readCanonicalPathIds((nodes[k] as LwM2mNode).path, ids, 4 * k);
    if (d < minDepth) return false;
    depth[k] = d;
  }
  return true;
}

/**
 * Calls use with the ids of all nodes, or with undefined when a path is not canonical or has
 * fewer than `minDepth` ids. The arrays are valid only during the call.
 */
export function withFlatIds<T>(nodes: readonly LwM2mNode[], minDepth: number, use: (flat: FlatIds | undefined) => T): T {
  const count = nodes.length;
  if (lent) {
    const ids = new Int32Array(4 * count);
    const depth = new Uint8Array(count);
    return use(readAll(nodes, minDepth, ids, depth) ? { count, ids, depth } : undefined);
  }
  if (count > sharedDepth.length) {
    let size = sharedDepth.length * 2;
    while (size < count) size *= 2;
    sharedIds = new Int32Array(4 * size);
    sharedDepth = new Uint8Array(size);
  }
  const ids = sharedIds;
  const depth = sharedDepth;
  lent = true;
  try {
    return use(readAll(nodes, minDepth, ids, depth) ? { count, ids, depth } : undefined);
  } finally {
    lent = false;
  }
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
  return { count: all.length, ids, depth };
}

/** ids[at, at + n) joined by '/' (a relative name), without an array. */
export function joinIds(ids: Int32Array, at: number, n: number): string {
  let out = n > 0 ? String(ids[at]) : '';
  for (let k = 1; k < n; k++) out += `/${ids[at + k]}`;
  return out;
}
