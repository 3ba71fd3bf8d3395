// One shard of a run's selection (`run --shard i/n`), so that n machines share a run and
// `merge-reports` joins their reports. The split depends only on the selected cases in catalogue
// order, never on a clock, a random choice or the machine: every shard computes the same split.
// Cases are dealt round-robin interface by interface, so each shard gets a share of every
// interface (within one case) rather than a block of slow ones.
import type { CaseDefinition } from './case.ts';
import { UsageError } from '../errors.ts';

export interface Shard {
  /** 1-based: shard 1 of 3 is `1/3`. */
  index: number;
  count: number;
}

/** "i/n" with 1 <= i <= n. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${text}: expected i/n with 1 <= i <= n, e.g. --shard 2/3`);
  }
  return { index, count };
}

/** The cases of `shard`, in the order they were selected. */
export function shardCases<C extends Pick<CaseDefinition, 'id' | 'interface'>>(selected: readonly C[], shard: Shard): C[] {
  // Interfaces in order of first appearance; within each, the selection's order.
  const byInterface = new Map<string, C[]>();
  for (const c of selected) byInterface.set(c.interface, [...(byInterface.get(c.interface) ?? []), c]);
  const mine = new Set<C>();
  let dealt = 0;
  for (const group of byInterface.values()) {
    for (const c of group) if (dealt++ % shard.count === shard.index - 1) mine.add(c);
  }
  return selected.filter((c) => mine.has(c));
}
