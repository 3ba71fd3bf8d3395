// run --shard i/n: the split is a pure function of the selection, every case lands in exactly
// one shard, and each interface's cases are spread over the shards.
import { describe, expect, it } from 'vitest';
import { allCases } from '../../suites/index.ts';
import { parseShard, shardCases } from '../../harness/run/shard.ts';
import { UsageError } from '../../harness/errors.ts';

const clientCases = allCases.filter((c) => c.tests === 'client');

describe('--shard', () => {
  it('parses i/n and refuses anything else in one line', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '3', '1/0', 'a/b', '1/3/5', '-1/3', '1.5/3']) expect(() => parseShard(bad), bad).toThrow(UsageError);
  });

  it('puts every selected case in exactly one shard, in selection order', () => {
    for (const count of [1, 2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, i) => shardCases(clientCases, { index: i + 1, count }));
      const all = shards.flat();
      expect(all.length).toBe(clientCases.length);
      expect(new Set(all).size).toBe(clientCases.length);
      for (const shard of shards) expect(shard).toEqual(clientCases.filter((c) => shard.includes(c)));
      // Balanced within one case.
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("spreads each interface's cases over the shards", () => {
    const count = 3;
    const shards = Array.from({ length: count }, (_, i) => shardCases(clientCases, { index: i + 1, count }));
    for (const name of new Set(clientCases.map((c) => c.interface))) {
      const sizes = shards.map((s) => s.filter((c) => c.interface === name).length);
      expect(Math.max(...sizes) - Math.min(...sizes), name).toBeLessThanOrEqual(1);
    }
  });

  it('depends on the selection only: the same split every time, empty shards when there are more shards than cases', () => {
    const few = clientCases.slice(0, 2);
    expect(shardCases(few, { index: 1, count: 3 }).map((c) => c.id)).toEqual([few[0]!.id]);
    expect(shardCases(few, { index: 3, count: 3 })).toEqual([]);
    expect(shardCases([...clientCases], { index: 2, count: 4 })).toEqual(shardCases(clientCases, { index: 2, count: 4 }));
  });
});
