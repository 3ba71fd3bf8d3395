// A latency histogram that merges exactly: shards and workers each count into the same log-scale
// buckets, so the fleet's percentiles come from the sum of their counts rather than from an
// average of percentiles (which has no meaning). Eight buckets per doubling: about 9 % precision.

export interface Histogram {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Bucket index → count; JSON-friendly and sparse (most buckets stay empty). */
  buckets: Record<string, number>;
}

const perDoubling = 8;

export function emptyHistogram(): Histogram {
  return { count: 0, sum: 0, min: 0, max: 0, buckets: {} };
}

function bucketOf(value: number): number {
  return Math.floor(Math.log2(Math.max(0, value) + 1) * perDoubling);
}

/** The largest value a bucket holds: what a percentile reports. */
function upperBound(bucket: number): number {
  return 2 ** ((bucket + 1) / perDoubling) - 1;
}

export function record(h: Histogram, value: number): void {
  h.min = h.count === 0 ? value : Math.min(h.min, value);
  h.max = h.count === 0 ? value : Math.max(h.max, value);
  h.count++;
  h.sum += value;
  const b = bucketOf(value);
  h.buckets[b] = (h.buckets[b] ?? 0) + 1;
}

export function mergeHistograms(hs: readonly Histogram[]): Histogram {
  const out = emptyHistogram();
  for (const h of hs) {
    if (h.count === 0) continue;
    out.min = out.count === 0 ? h.min : Math.min(out.min, h.min);
    out.max = out.count === 0 ? h.max : Math.max(out.max, h.max);
    out.count += h.count;
    out.sum += h.sum;
    for (const [b, n] of Object.entries(h.buckets)) out.buckets[b] = (out.buckets[b] ?? 0) + n;
  }
  return out;
}

/** The value at quantile q (0..1), capped at the largest value seen; 0 for an empty histogram. */
export function percentile(h: Histogram, q: number): number {
  if (h.count === 0) return 0;
  const rank = Math.ceil(q * h.count);
  let seen = 0;
  for (const b of Object.keys(h.buckets).map(Number).sort((x, y) => x - y)) {
    seen += h.buckets[b]!;
    if (seen >= rank) return Math.min(h.max, upperBound(b));
  }
  return h.max;
}
