// Registration storm against `serve`: N clients register once each (bench/storm/clients.ts),
// first against a do-nothing CoAP responder (bench/storm/responder.ts), the ceiling of this
// machine and this load generator, then against the reference server. Both run in a child
// process of their own, so their memory and CPU are apart from the generator's. Prints, per
// slice of registered clients, the rate of each, the ratio server/ceiling and the server's
// resident memory as the slice ends; then the clients that gave up after their retransmissions.
// With --runs N, each figure is the median of N storms. Before its storm each target takes
// --warmup Registers that De-register at once (V8 compiles the hot code during the first few
// thousand requests; without it the first slice measures the compiler, not the server).
// Usage: node --import tsx bench/storm/run.ts [--clients N] [--window W] [--runs N] [--lifetime S]
//          [--ack-timeout MS] [--ack-random-factor F] [--max-retransmit N] [--warmup N] [--serve-from CHECKOUT]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { storm, type StormResult } from './clients.ts';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    window: { type: 'string', default: '256' },
    runs: { type: 'string', default: '1' },
    lifetime: { type: 'string', default: '86400' },
    'ack-timeout': { type: 'string', default: '2000' },
    'ack-random-factor': { type: 'string', default: '1.5' },
    'max-retransmit': { type: 'string', default: '4' },
    /** Registers (each De-registered at once) sent to each target before the measured storm: 0 measures it cold. */
    warmup: { type: 'string', default: '2000' },
    /** Another checkout whose serve to measure (e.g. the main branch, for a before/after). */
    'serve-from': { type: 'string' },
  },
});
const clients = Number(values.clients);
const runs = Number(values.runs);
const marks = [1_000, 10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000].filter((m) => m < clients).concat(clients);

/** Resident memory of a process, MB (Linux /proc). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

/** Starts a child and waits for the UDP port it prints on stderr. */
function start(args: string[], portLine: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((done, fail) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const port = seen.match(portLine)?.[1];
      if (port === undefined) return;
      child.stderr!.off('data', onData);
      child.stderr!.resume();
      done({ child, port: Number(port) });
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited (${code}) before it listened:\n${seen}`)));
  });
}

interface Measured {
  result: StormResult;
  /** RSS of the target as each slice ended, MB. */
  rss: number[];
}

async function measure(args: string[], portLine: RegExp): Promise<Measured> {
  const { child, port } = await start(args, portLine);
  const rss: number[] = [];
  const load = {
    port,
    window: Number(values.window),
    lifetimeS: Number(values.lifetime),
    ackTimeoutMs: Number(values['ack-timeout']),
    ackRandomFactor: Number(values['ack-random-factor']),
    maxRetransmit: Number(values['max-retransmit']),
  };
  try {
    // Warm-up: Registers that De-register at once, so the measured storm meets compiled code
    // and an empty table in both targets alike.
    const warmup = Number(values.warmup);
    const warmed = warmup > 0 ? await storm({ ...load, clients: warmup, marks: [warmup], prefix: 'warmup-', deregister: true }) : undefined;
    const result = await storm({
      ...load,
      clients,
      marks,
      firstSource: warmed?.sourcesUsed ?? 0,
      onMark: () => rss.push(rssMb(child.pid!)),
    });
    return { result, rss };
  } finally {
    child.kill('SIGTERM');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const responder = ['--import', 'tsx', resolve(root, 'bench', 'storm', 'responder.ts')];
const serve = [resolve(values['serve-from'] ?? root, 'bin', 'lwm2m-conformance.js'), 'serve', '--port', '0', '--http-port', '0'];

const ceilings: Measured[] = [];
const servers: Measured[] = [];
for (let run = 1; run <= runs; run++) {
  ceilings.push(await measure(responder, /listening on (\d+)/));
  servers.push(await measure(serve, /LwM2M server on coap:\/\/[^:]+:(\d+)/));
  const c = ceilings.at(-1)!.result;
  const s = servers.at(-1)!.result;
  console.error(`run ${run}: ceiling ${c.registered} in ${c.seconds.toFixed(1)} s, server ${s.registered} in ${s.seconds.toFixed(1)} s`);
}

console.log(`${clients} clients, ${values.window} in flight, lt=${values.lifetime}, after a warm-up of ${values.warmup} Registers and De-registers; ${runs > 1 ? `medians of ${runs} runs` : '1 run'}`);
console.log('registered          ceiling/s  server/s  server/ceiling  server RSS MB');
const sliceCount = Math.min(...[...ceilings, ...servers].map((m) => m.result.slices.length));
for (let i = 0; i < sliceCount; i++) {
  const { from, to } = servers[0]!.result.slices[i]!;
  const ceiling = median(ceilings.map((m) => m.result.slices[i]!.rate));
  const server = median(servers.map((m) => m.result.slices[i]!.rate));
  const ratio = median(servers.map((m, r) => m.result.slices[i]!.rate / ceilings[r]!.result.slices[i]!.rate));
  const rss = median(servers.map((m) => m.rss[i]!));
  console.log(`${`${from}→${to}`.padEnd(18)} ${ceiling.toFixed(0).padStart(10)} ${server.toFixed(0).padStart(9)} ${ratio.toFixed(2).padStart(15)} ${rss.toFixed(0).padStart(14)}`);
}
for (const [name, measured] of [['ceiling', ceilings], ['server', servers]] as const) {
  const r = measured.map((m) => m.result);
  console.log(`${name}: registered ${r.map((x) => x.registered).join(', ')}; gave up ${r.map((x) => x.gaveUp).join(', ')}; refused ${r.map((x) => x.refused).join(', ')}; retransmissions ${r.map((x) => x.retransmissions).join(', ')}`);
}
