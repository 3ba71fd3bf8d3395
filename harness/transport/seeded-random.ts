// A small seeded pseudo-random generator (mulberry32) and seed derivation, so that an impaired
// run is repeated exactly from its seed. Not for anything secret.

/** Uniform numbers in [0, 1) from a 32-bit seed; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * A seed of its own for each stream (an endpoint's name and direction) from the run's seed:
 * each stream's sequence then depends only on how many datagrams it carried, not on how the
 * streams interleaved in time.
 */
export function deriveSeed(seed: number, ...labels: string[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0); // FNV-1a over the labels, started from the seed
  for (const label of labels) {
    for (const ch of `${label}\u0000`) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193);
    }
  }
  // A final mix so that neighbouring seeds give unrelated streams.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A seed for a run that did not name one: printed and stored so that the run can be repeated. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}
