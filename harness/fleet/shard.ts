// Which devices a shard runs: `--shard I/N` takes the I-th of N contiguous slices of the endpoint
// range, computed from the fleet's size alone, so every host finds the same split and the slices
// cover the range exactly once.
import { UsageError } from '../errors.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${text}: give I/N with 1 <= I <= N, e.g. 2/4`);
  return { index, count };
}

/** The device indexes [first, first + devices) of `part` when `total` devices split in `parts`. */
export function sliceOf(total: number, part: number, parts: number): { first: number; devices: number } {
  const first = Math.floor((total * part) / parts);
  return { first, devices: Math.floor((total * (part + 1)) / parts) - first };
}
