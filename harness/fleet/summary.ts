// A fleet's results as one JSON document: what a shard writes, and what merging shards gives.
// Counts add up, latencies merge through their histograms, and the time to register all spans
// from the earliest start to the latest first registration. The summary is not a conformance
// report (no cases, no verdicts), so merge-reports, which joins results.json files case by case,
// does not apply; `fleet --merge` joins these.
import { UsageError } from '../errors.ts';
import { mergeHistograms, percentile, type Histogram } from './histogram.ts';
import type { UpdateCounts, WorkerMemory, WorkerReport } from './report.ts';

export const summaryFormat = 'lwm2m-conformance fleet summary';

export interface FleetIdentity {
  /** coap://address:port of the server under load. */
  server: string;
  /** Devices in the whole fleet (every shard). */
  devices: number;
  endpointPrefix: string;
  lifetimeS: number;
}

export interface ShardEntry {
  index: number;
  count: number;
  /** Fleet index of its first device, and how many it ran. */
  first: number;
  devices: number;
  workers: number;
  host: string;
  startedAt: number;
  lastRegisteredAt: number | null;
  endedAt: number;
}

export interface Timing {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  histogram: Histogram;
}

export interface FleetSummary {
  format: typeof summaryFormat;
  version: 1;
  fleet: FleetIdentity;
  shards: ShardEntry[];
  /** Shards of the split that no summary here covers. */
  missingShards: number[];
  devices: number;
  registered: number;
  registeredAtEnd: number;
  gaveUp: number;
  refused: number;
  retransmissions: number;
  /** From the first Register to the last device's first 2.01, ms; null when no device registered. */
  registerAllMs: number | null;
  updates: UpdateCounts;
  deregistered: number;
  serverRequests: number;
  timings: { registerLatencyMs: Timing; updateLatenessMs: Timing; updateRoundTripMs: Timing };
  memory: { heapPerDeviceBytes: { mean: number; max: number }; rssPerDeviceBytes: { mean: number; max: number }; workers: WorkerMemory[] };
  errors: string[];
}

const round = (x: number) => Math.round(x * 10) / 10;

function timing(h: Histogram): Timing {
  return { count: h.count, p50: round(percentile(h, 0.5)), p90: round(percentile(h, 0.9)), p99: round(percentile(h, 0.99)), max: round(h.max), histogram: h };
}

function memoryOf(workers: WorkerMemory[]): FleetSummary['memory'] {
  const devices = workers.reduce((n, w) => n + w.devices, 0);
  const weighted = (f: (w: WorkerMemory) => number) => (devices === 0 ? 0 : Math.round(workers.reduce((n, w) => n + f(w) * w.devices, 0) / devices));
  const max = (f: (w: WorkerMemory) => number) => Math.round(Math.max(0, ...workers.map(f)));
  return {
    heapPerDeviceBytes: { mean: weighted((w) => w.heapPerDeviceBytes), max: max((w) => w.heapPerDeviceBytes) },
    rssPerDeviceBytes: { mean: weighted((w) => w.rssPerDeviceBytes), max: max((w) => w.rssPerDeviceBytes) },
    workers,
  };
}

const sumUpdates = (xs: UpdateCounts[]): UpdateCounts => ({
  sent: xs.reduce((n, x) => n + x.sent, 0),
  acknowledged: xs.reduce((n, x) => n + x.acknowledged, 0),
  onTime: xs.reduce((n, x) => n + x.onTime, 0),
  late: xs.reduce((n, x) => n + x.late, 0),
  failed: xs.reduce((n, x) => n + x.failed, 0),
  reRegistrations: xs.reduce((n, x) => n + x.reRegistrations, 0),
  retransmissions: xs.reduce((n, x) => n + x.retransmissions, 0),
});

const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);

function registerAll(shards: ShardEntry[]): number | null {
  const last = shards.map((s) => s.lastRegisteredAt).filter((t): t is number => t !== null);
  return last.length === 0 ? null : Math.max(...last) - Math.min(...shards.map((s) => s.startedAt));
}

function missing(shards: ShardEntry[]): number[] {
  const count = shards[0]?.count ?? 1;
  const have = new Set(shards.map((s) => s.index));
  return Array.from({ length: count }, (_, k) => k + 1).filter((k) => !have.has(k));
}

/** The summary of one shard from its workers' reports. */
export function shardSummary(fleet: FleetIdentity, shard: Omit<ShardEntry, 'workers' | 'startedAt' | 'lastRegisteredAt' | 'endedAt'>, reports: WorkerReport[]): FleetSummary {
  const last = reports.map((r) => r.lastRegisteredAt).filter((t): t is number => t !== null);
  const entry: ShardEntry = {
    ...shard,
    workers: reports.length,
    startedAt: Math.min(...reports.map((r) => r.startedAt)),
    lastRegisteredAt: last.length === 0 ? null : Math.max(...last),
    endedAt: Math.max(...reports.map((r) => r.endedAt)),
  };
  return {
    format: summaryFormat,
    version: 1,
    fleet,
    shards: [entry],
    missingShards: missing([entry]),
    devices: sum(reports, (r) => r.devices),
    registered: sum(reports, (r) => r.registered),
    registeredAtEnd: sum(reports, (r) => r.registeredAtEnd),
    gaveUp: sum(reports, (r) => r.gaveUp),
    refused: sum(reports, (r) => r.refused),
    retransmissions: sum(reports, (r) => r.retransmissions),
    registerAllMs: registerAll([entry]),
    updates: sumUpdates(reports.map((r) => r.updates)),
    deregistered: sum(reports, (r) => r.deregistered),
    serverRequests: sum(reports, (r) => r.serverRequests),
    timings: {
      registerLatencyMs: timing(mergeHistograms(reports.map((r) => r.registerLatencyMs))),
      updateLatenessMs: timing(mergeHistograms(reports.map((r) => r.updateLatenessMs))),
      updateRoundTripMs: timing(mergeHistograms(reports.map((r) => r.updateRoundTripMs))),
    },
    memory: memoryOf(reports.map((r) => r.memory)),
    errors: reports.flatMap((r) => r.errors),
  };
}

/** Reads a summary written by `fleet --out`, refusing anything else. */
export function parseSummary(text: string, name: string): FleetSummary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name}: not JSON (${(error as Error).message})`);
  }
  const s = value as Partial<FleetSummary>;
  if (s?.format !== summaryFormat || s.version !== 1 || !Array.isArray(s.shards)) throw new UsageError(`${name}: not a fleet summary (format "${summaryFormat}", version 1)`);
  return s as FleetSummary;
}

/**
 * The shards' summaries as one. Refused: summaries of different fleets (server, size, names,
 * lifetime), of different splits, or covering a shard twice. Shards not given are listed in
 * `missingShards`, so a partial merge never passes for the whole fleet.
 */
export function mergeSummaries(summaries: readonly FleetSummary[]): FleetSummary {
  if (summaries.length === 0) throw new UsageError('give the shard summaries to merge');
  const fleet = summaries[0]!.fleet;
  for (const s of summaries) {
    const differs = (Object.keys(fleet) as (keyof FleetIdentity)[]).filter((k) => s.fleet[k] !== fleet[k]);
    if (differs.length > 0) throw new UsageError(`the summaries are of different fleets (${differs.map((k) => `${k}: ${fleet[k]} and ${s.fleet[k]}`).join(', ')})`);
  }
  const shards = summaries.flatMap((s) => s.shards).sort((a, b) => a.index - b.index);
  const counts = new Set(shards.map((s) => s.count));
  if (counts.size > 1) throw new UsageError(`the summaries are of different splits (${[...counts].map((c) => `/${c}`).join(', ')})`);
  const twice = shards.filter((s, k) => k > 0 && shards[k - 1]!.index === s.index);
  if (twice.length > 0) throw new UsageError(`shard ${twice[0]!.index}/${twice[0]!.count} is given twice`);
  const histograms = (f: (s: FleetSummary) => Timing) => timing(mergeHistograms(summaries.map((s) => f(s).histogram)));
  return {
    format: summaryFormat,
    version: 1,
    fleet,
    shards,
    missingShards: missing(shards),
    devices: sum(summaries, (s) => s.devices),
    registered: sum(summaries, (s) => s.registered),
    registeredAtEnd: sum(summaries, (s) => s.registeredAtEnd),
    gaveUp: sum(summaries, (s) => s.gaveUp),
    refused: sum(summaries, (s) => s.refused),
    retransmissions: sum(summaries, (s) => s.retransmissions),
    registerAllMs: registerAll(shards),
    updates: sumUpdates(summaries.map((s) => s.updates)),
    deregistered: sum(summaries, (s) => s.deregistered),
    serverRequests: sum(summaries, (s) => s.serverRequests),
    timings: {
      registerLatencyMs: histograms((s) => s.timings.registerLatencyMs),
      updateLatenessMs: histograms((s) => s.timings.updateLatenessMs),
      updateRoundTripMs: histograms((s) => s.timings.updateRoundTripMs),
    },
    memory: memoryOf(summaries.flatMap((s) => s.memory.workers)),
    errors: summaries.flatMap((s) => s.errors),
  };
}

/**
 * Whether the fleet did what a healthy server lets it do: all registered, every Update answered
 * in time; `whole` (a merge) also asks for every shard, which one shard's own run never has.
 */
export function healthy(s: FleetSummary, whole = true): boolean {
  return (!whole || s.missingShards.length === 0) && s.registered === s.devices && s.gaveUp === 0 && s.refused === 0 && s.updates.failed === 0 && s.updates.late === 0 && s.updates.acknowledged === s.updates.onTime;
}

/** A few lines for a person: counts, timings, memory. */
export function summaryLines(s: FleetSummary): string[] {
  const t = s.timings;
  const shards = s.shards.map((x) => `${x.index}/${x.count}`).join(', ');
  return [
    `fleet of ${s.fleet.devices} against ${s.fleet.server}: shard(s) ${shards}${s.missingShards.length ? ` (missing ${s.missingShards.join(', ')})` : ''}, ${s.memory.workers.length} worker(s)`,
    `registered ${s.registered}/${s.devices}${s.registerAllMs !== null ? ` in ${(s.registerAllMs / 1000).toFixed(1)} s` : ''}; gave up ${s.gaveUp}, refused ${s.refused}, Register retransmissions ${s.retransmissions}`,
    `register latency ms: p50 ${t.registerLatencyMs.p50}, p99 ${t.registerLatencyMs.p99}, max ${t.registerLatencyMs.max}`,
    `updates: sent ${s.updates.sent}, acknowledged ${s.updates.acknowledged} (on time ${s.updates.onTime}, late ${s.updates.late}), failed ${s.updates.failed}, retransmissions ${s.updates.retransmissions}, re-registrations ${s.updates.reRegistrations}`,
    `update lateness ms: p50 ${t.updateLatenessMs.p50}, p99 ${t.updateLatenessMs.p99}, max ${t.updateLatenessMs.max}; round trip ms: p50 ${t.updateRoundTripMs.p50}, p99 ${t.updateRoundTripMs.p99}`,
    `memory per device: heap ${s.memory.heapPerDeviceBytes.mean} B (max ${s.memory.heapPerDeviceBytes.max}), resident ${s.memory.rssPerDeviceBytes.mean} B (max ${s.memory.rssPerDeviceBytes.max})${s.memory.workers.some((w) => !w.collected) ? ' (some workers without --expose-gc)' : ''}`,
    ...(s.deregistered ? [`de-registered ${s.deregistered}`] : []),
    ...(s.serverRequests ? [`server requests answered ${s.serverRequests}`] : []),
    ...s.errors.map((e) => `error: ${e}`),
  ];
}
