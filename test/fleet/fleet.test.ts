// A small fleet against the reference server in this process: devices over two worker
// processes register, answer a Read, send their Updates on time (a 2 s lifetime), De-register;
// two shards of one fleet, merged, count what the whole fleet did. Not timed: the figures at
// scale come from a run of `fleet` against `serve` (README, Fleets).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFleet } from '../../harness/fleet/fleet.ts';
import { emptyHistogram, mergeHistograms, percentile, record } from '../../harness/fleet/histogram.ts';
import { parseShard, sliceOf } from '../../harness/fleet/shard.ts';
import { sourceAddress } from '../../harness/fleet/sources.ts';
import { healthy, mergeSummaries } from '../../harness/fleet/summary.ts';
import { ReferenceServer } from '../../harness/peers/server/reference-server.ts';
import { UsageError } from '../../harness/errors.ts';

describe('fleet: parts', () => {
  it('slices cover the endpoint range once, in order', () => {
    const slices = [0, 1, 2].map((k) => sliceOf(100, k, 3));
    expect(slices).toEqual([{ first: 0, devices: 33 }, { first: 33, devices: 33 }, { first: 66, devices: 34 }]);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('4/3')).toThrow(UsageError);
  });

  it('spreads loopback sources over 127/8 by fleet index; any other source is shared', () => {
    const plan = { first: '127.100.0.254', perAddress: 10 };
    expect([0, 9, 10, 25].map((i) => sourceAddress(plan, i))).toEqual(['127.100.0.254', '127.100.0.254', '127.100.0.255', '127.100.1.0']);
    expect(sourceAddress({ first: '0.0.0.0', perAddress: 10 }, 25)).toBe('0.0.0.0');
  });

  it('histograms merge to the histogram of all values', () => {
    const [a, b, all] = [emptyHistogram(), emptyHistogram(), emptyHistogram()];
    for (let v = 0; v < 1000; v++) {
      record(v % 2 ? a : b, v);
      record(all, v);
    }
    expect(mergeHistograms([a, b])).toEqual(all);
    expect(percentile(all, 0.5)).toBeGreaterThan(450);
    expect(percentile(all, 0.5)).toBeLessThan(550);
  });
});

describe('fleet against the reference server', () => {
  let server: ReferenceServer;
  beforeEach(async () => {
    server = await ReferenceServer.start({ port: 0 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('50 devices over 2 workers register, answer a Read, Update on time and De-register', async () => {
    const running = runFleet({ server: server.endpoint.local, devices: 50, workers: 2, lifetimeS: 2, durationS: 3, deregister: true });
    while (server.registrations.size < 50) await new Promise((r) => setTimeout(r, 50));
    const read = await server.read('fleet-37', '/3/0/2');
    expect(read.response?.code).toBe('2.05');
    expect(read.response?.payload.toString()).toBe('fleet-37');
    const summary = await running;
    expect(summary).toMatchObject({ devices: 50, registered: 50, registeredAtEnd: 50, gaveUp: 0, refused: 0, deregistered: 50, serverRequests: 1 });
    expect(summary.memory.workers).toHaveLength(2);
    // An Update at about 1 s and after each 2.04: at least two per device in 3 s.
    expect(summary.updates.sent).toBeGreaterThanOrEqual(100);
    expect(summary.updates).toMatchObject({ acknowledged: summary.updates.sent, onTime: summary.updates.sent, failed: 0, late: 0 });
    expect(healthy(summary)).toBe(true);
    expect(server.registrations.size).toBe(0);
  }, 60_000);

  it('two shards of one fleet, merged, give the sum', async () => {
    const shard = (index: number) => runFleet({ server: server.endpoint.local, devices: 50, shard: { index, count: 2 }, workers: 1, lifetimeS: 2, durationS: 1.5 });
    const [one, two] = await Promise.all([shard(1), shard(2)]);
    expect([one.devices, two.devices]).toEqual([25, 25]);
    expect(server.registrations.byEndpoint('fleet-0')).toBeDefined();
    expect(server.registrations.byEndpoint('fleet-49')).toBeDefined();
    const merged = mergeSummaries([two, one]);
    expect(merged.shards.map((s) => s.index)).toEqual([1, 2]);
    expect(merged.missingShards).toEqual([]);
    expect(merged.registered).toBe(50);
    expect(merged.updates.sent).toBe(one.updates.sent + two.updates.sent);
    expect(merged.updates.acknowledged).toBe(one.updates.acknowledged + two.updates.acknowledged);
    expect(merged.timings.registerLatencyMs.count).toBe(one.timings.registerLatencyMs.count + two.timings.registerLatencyMs.count);
    expect(merged.memory.workers).toHaveLength(2);
    expect(healthy(merged)).toBe(true);
    expect(healthy(one, false)).toBe(true);
    expect(healthy(mergeSummaries([one]))).toBe(false);
    expect(() => mergeSummaries([one, one])).toThrow(/given twice/);
  }, 60_000);
});
