// A fleet of simulated LwM2M devices spread over worker processes, and the library entry point
// `runFleet`. Workers are processes (child_process), not threads: the file descriptor limit is
// per process, and every device holds a socket, so threads would share one limit and gain
// nothing. Each worker starts through `sh -c 'ulimit -n <hard>; exec node …'`, since Node
// cannot raise its own soft limit, and holds at most `perWorker` devices, below that limit.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { availableParallelism, hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, UsageError } from '../errors.ts';
import { treeInUse as tree } from '../loader/tree-in-use.ts';
import type { DeviceGroupOptions } from './devices.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { WorkerReport } from './report.ts';
import { sliceOf, type Shard } from './shard.ts';
import { checkSourcePlan, defaultSource } from './sources.ts';
import { shardSummary, type FleetSummary } from './summary.ts';

export interface FleetOptions {
  server: { address: string; port: number };
  /** Devices in the whole fleet; this process runs the shard's slice of them. */
  devices: number;
  shard?: Shard;
  endpointPrefix?: string;
  lifetimeS?: number;
  jitter?: number;
  /** Registers in flight across the shard. */
  window?: number;
  workers?: number;
  perWorker?: number;
  /** First source address (see sources.ts); default by the server's address. */
  source?: string;
  perAddress?: number;
  lwm2mVersion?: string;
  binding?: string;
  objects?: string;
  /** How long the fleet stays up once every device registered or gave up, s. */
  durationS?: number;
  deregister?: boolean;
  ackTimeoutMs?: number;
  ackRandomFactor?: number;
  maxRetransmit?: number;
  /** Aborting ends the wait early: the fleet stops and reports what it has. */
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
}

/** Descriptors a worker keeps for itself besides its devices' sockets (stdio, IPC, libuv). */
const reservedDescriptors = 64;
/** Devices per worker unless told: well under the common 20,000-65,536 hard limits. */
const defaultPerWorker = 15_000;

/** The hard descriptor limit workers may raise their soft limit to (Infinity: unlimited). */
export function descriptorLimit(): number {
  const text = execFileSync('/bin/sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  return text === 'unlimited' ? Infinity : Number(text);
}

export function planWorkers(devices: number, options: { workers?: number; perWorker?: number }, limit = descriptorLimit()): { workers: number; perWorker: number } {
  const usable = limit - reservedDescriptors;
  const perWorker = options.perWorker ?? Math.min(defaultPerWorker, usable);
  if (perWorker > usable) {
    throw new UsageError(`--per-worker ${perWorker}: a worker may open ${usable} sockets (hard descriptor limit ${limit}); lower it or raise the hard limit (ulimit -Hn, LimitNOFILE)`);
  }
  // A core each for a fleet of more than a thousand: registering is CPU-bound, idling is not.
  const wanted = options.workers ?? Math.max(Math.ceil(devices / perWorker), Math.min(availableParallelism(), Math.ceil(devices / 1000)));
  const workers = Math.max(1, Math.min(wanted, devices));
  if (Math.ceil(devices / workers) > usable) {
    throw new UsageError(`--workers ${workers}: ${Math.ceil(devices / workers)} devices per worker exceed the ${usable} sockets a worker may open (hard descriptor limit ${limit}); use more workers`);
  }
  return { workers, perWorker };
}

// Workers load the harness as this process did: from the compiled tree when it runs from there
// (the command does), else from the sources through the module hooks.
const workerArgs = tree
  ? ['--enable-source-maps', fileURLToPath(new URL('harness/fleet/worker.js', tree))]
  : ['--import', new URL('../loader/register.js', import.meta.url).href, fileURLToPath(new URL('./worker.ts', import.meta.url))];

interface Worker {
  child: ChildProcess;
  registered: number;
  settled?: Promise<void>;
  report?: Promise<WorkerReport>;
}

function startWorker(group: DeviceGroupOptions): Worker {
  // ulimit may fail where the hard limit is below the soft one's request: the worker starts anyway.
  const child = spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, '--expose-gc', ...workerArgs], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const worker: Worker = { child, registered: 0 };
  // 'close', not 'exit': a worker sends its report and exits at once, and under load 'exit' can
  // come before the parent has read the report from the channel; 'close' comes after the channel
  // has closed, every message read.
  const exited = new Promise<never>((_, reject) =>
    child.once('close', (code, signal) => reject(new EnvironmentError(`fleet worker ${child.pid} (devices ${group.first}…${group.first + group.count - 1}) exited (${signal ?? code}) before it reported`))),
  );
  exited.catch(() => {});
  const next = <T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> =>
    Promise.race([
      exited,
      new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
        const listen = (m: FromWorker) => {
          if (m.type === 'failed') return reject(new EnvironmentError(`fleet worker ${child.pid}: ${m.error}`));
          if (m.type === 'progress') worker.registered = m.registered;
          if (m.type !== type) return;
          child.off('message', listen);
          resolve(m as Extract<FromWorker, { type: T }>);
        };
        child.on('message', listen);
      }),
    ]);
  worker.settled = next('settled').then((m) => void (worker.registered = m.registered));
  worker.report = next('report').then((m) => m.report);
  worker.settled.catch(() => {});
  worker.report.catch(() => {});
  child.send({ type: 'start', group } satisfies ToWorker);
  return worker;
}

/** Resolves after `ms` (never, when undefined) or when the signal aborts, whichever is first. */
function abortable(ms: number | undefined, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** Runs the shard's devices until `durationS` after they settled, and summarises them. */
export async function runFleet(o: FleetOptions): Promise<FleetSummary> {
  const shard = o.shard ?? { index: 1, count: 1 };
  const slice = sliceOf(o.devices, shard.index - 1, shard.count);
  const lifetimeS = o.lifetimeS ?? 300;
  const endpointPrefix = o.endpointPrefix ?? 'fleet-';
  const source = { first: o.source ?? defaultSource(o.server.address), perAddress: o.perAddress ?? 10_000 };
  checkSourcePlan(source, slice.first, slice.devices);
  const plan = planWorkers(slice.devices, o);
  const window = Math.max(1, Math.ceil((o.window ?? 128) / plan.workers));
  const log = o.onProgress ?? (() => {});

  const workers: Worker[] = [];
  try {
    for (let w = 0; w < plan.workers; w++) {
      const part = sliceOf(slice.devices, w, plan.workers);
      workers.push(
        startWorker({
          server: o.server,
          first: slice.first + part.first,
          count: part.devices,
          endpointPrefix,
          shape: { lifetimeS, lwm2mVersion: o.lwm2mVersion ?? '1.1', binding: o.binding ?? 'U', objects: o.objects ?? '</1/0>,</3/0>' },
          jitter: o.jitter ?? 0.1,
          window,
          source,
          ackTimeoutMs: o.ackTimeoutMs ?? 2000,
          ackRandomFactor: o.ackRandomFactor ?? 1.5,
          maxRetransmit: o.maxRetransmit ?? 4,
        }),
      );
    }
    log(`shard ${shard.index}/${shard.count}: devices ${slice.first}…${slice.first + slice.devices - 1} over ${plan.workers} worker(s), ${window} Register(s) in flight each`);
    const started = performance.now();
    const ticker = setInterval(() => log(`registered ${workers.reduce((n, w) => n + w.registered, 0)}/${slice.devices} after ${((performance.now() - started) / 1000).toFixed(0)} s`), 5000);
    try {
      await Promise.race([Promise.all(workers.map((w) => w.settled)), abortable(undefined, o.signal)]);
    } finally {
      clearInterval(ticker);
    }
    log(`settled: ${workers.reduce((n, w) => n + w.registered, 0)}/${slice.devices} registered after ${((performance.now() - started) / 1000).toFixed(1)} s; staying up ${o.durationS ?? lifetimeS} s`);
    await abortable((o.durationS ?? lifetimeS) * 1000, o.signal);
    for (const w of workers) w.child.send({ type: 'stop', deregister: o.deregister ?? false } satisfies ToWorker);
    const reports = await Promise.all(workers.map((w) => w.report!));
    return shardSummary(
      { server: `coap://${o.server.address}:${o.server.port}`, devices: o.devices, endpointPrefix, lifetimeS },
      { index: shard.index, count: shard.count, first: slice.first, devices: slice.devices, host: hostname() },
      reports,
    );
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  }
}
