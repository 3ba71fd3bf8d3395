// `lwm2m-conformance fleet`: a fleet of simulated devices against a LwM2M server (harness/fleet),
// or with --merge, the shards' summaries joined.
import { readFile, writeFile } from 'node:fs/promises';
import { isIPv4 } from 'node:net';
import { parseArgs } from 'node:util';
import { runFleet } from '../fleet/fleet.ts';
import { parseShard } from '../fleet/shard.ts';
import { healthy, mergeSummaries, parseSummary, summaryLines, type FleetSummary } from '../fleet/summary.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { helpText, usageText } from './help/command-help.ts';
import { fleetHelp } from './help/fleet.ts';
import type { CommandIO } from './io.ts';

/** The flags fleet parses; each is documented in help/fleet.ts. */
export const fleetOptions = {
  server: { type: 'string' },
  devices: { type: 'string' },
  shard: { type: 'string' },
  lifetime: { type: 'string' },
  duration: { type: 'string' },
  jitter: { type: 'string' },
  window: { type: 'string' },
  workers: { type: 'string' },
  'per-worker': { type: 'string' },
  source: { type: 'string' },
  'per-address': { type: 'string' },
  'endpoint-prefix': { type: 'string' },
  lwm2m: { type: 'string' },
  objects: { type: 'string' },
  'ack-timeout': { type: 'string' },
  'max-retransmit': { type: 'string' },
  deregister: { type: 'boolean' },
  merge: { type: 'boolean' },
  out: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

function number(value: string | undefined, flag: string, check: (n: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !check(n)) throw new UsageError(`fleet: --${flag} takes ${what}, got "${value}"`);
  return n;
}
const whole = (min: number) => (n: number) => Number.isInteger(n) && n >= min;
const positive = (n: number) => Number.isFinite(n) && n > 0;

function server(uri: string | undefined): { address: string; port: number } {
  if (uri === undefined) throw new UsageError(`fleet: --server URI is required\n${usageText(fleetHelp)}`);
  const m = /^coap:\/\/([^/:]+):(\d+)\/?$/.exec(uri);
  if (!m || !isIPv4(m[1]!) || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new UsageError(`fleet: --server takes coap://IPV4:PORT, got "${uri}"`);
  return { address: m[1]!, port: Number(m[2]) };
}

async function output(summary: FleetSummary, out: string | undefined, io: CommandIO, whole: boolean): Promise<number> {
  for (const line of summaryLines(summary)) io.out(line);
  if (out) {
    await writeFile(out, `${JSON.stringify(summary, null, 2)}\n`);
    io.out(`summary: ${out}`);
  }
  return healthy(summary, whole) ? ExitCode.ok : ExitCode.failed;
}

export async function fleetCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: fleetOptions, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(helpText(fleetHelp));
    return ExitCode.ok;
  }
  if (values.merge) {
    if (positionals.length === 0) throw new UsageError(`fleet: --merge needs the summaries to join\n${usageText(fleetHelp)}`);
    const summaries = await Promise.all(
      positionals.map(async (file) => {
        const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`fleet: ${file}: cannot read it (${error.code ?? error.message})`);
        });
        return parseSummary(text, file);
      }),
    );
    let merged;
    try {
      merged = mergeSummaries(summaries);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`fleet --merge: ${error.message}`);
      throw error;
    }
    return output(merged, values.out, io, true);
  }
  if (positionals.length > 0) throw new UsageError(`fleet: unexpected argument "${positionals[0]}" (summaries are joined with --merge)`);
  const devices = number(values.devices, 'devices', whole(1), 'a whole number of devices above 0');
  if (devices === undefined) throw new UsageError(`fleet: --devices N is required\n${usageText(fleetHelp)}`);
  const lwm2m = values.lwm2m;
  if (lwm2m !== undefined && !/^\d+\.\d+$/.test(lwm2m)) throw new UsageError(`fleet: --lwm2m takes a version such as 1.1, got "${lwm2m}"`);
  if (values.objects !== undefined && !values.objects.startsWith('<')) throw new UsageError(`fleet: --objects takes a link-format list such as </1/0>,</3/0>, got "${values.objects}"`);

  const abort = new AbortController();
  const onSignal = () => {
    io.err('stopping the fleet (SIGINT)');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  try {
    const summary = await runFleet({
      server: server(values.server),
      devices,
      ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
      ...(values.lifetime !== undefined ? { lifetimeS: number(values.lifetime, 'lifetime', whole(1), 'whole seconds above 0')! } : {}),
      ...(values.duration !== undefined ? { durationS: number(values.duration, 'duration', (n) => Number.isFinite(n) && n >= 0, 'seconds, 0 or more')! } : {}),
      ...(values.jitter !== undefined ? { jitter: number(values.jitter, 'jitter', (n) => n >= 0 && n < 1, 'a fraction from 0 to below 1')! } : {}),
      ...(values.window !== undefined ? { window: number(values.window, 'window', whole(1), 'a whole number above 0')! } : {}),
      ...(values.workers !== undefined ? { workers: number(values.workers, 'workers', whole(1), 'a whole number above 0')! } : {}),
      ...(values['per-worker'] !== undefined ? { perWorker: number(values['per-worker'], 'per-worker', whole(1), 'a whole number above 0')! } : {}),
      ...(values.source !== undefined ? { source: values.source } : {}),
      ...(values['per-address'] !== undefined ? { perAddress: number(values['per-address'], 'per-address', whole(1), 'a whole number above 0')! } : {}),
      ...(values['endpoint-prefix'] !== undefined ? { endpointPrefix: values['endpoint-prefix'] } : {}),
      ...(lwm2m !== undefined ? { lwm2mVersion: lwm2m } : {}),
      ...(values.objects !== undefined ? { objects: values.objects } : {}),
      ...(values['ack-timeout'] !== undefined ? { ackTimeoutMs: number(values['ack-timeout'], 'ack-timeout', positive, 'milliseconds above 0')! } : {}),
      ...(values['max-retransmit'] !== undefined ? { maxRetransmit: number(values['max-retransmit'], 'max-retransmit', (n) => whole(0)(n) && n < 255, 'a whole number from 0 to 254')! } : {}),
      deregister: values.deregister === true,
      signal: abort.signal,
      ...(values.quiet ? {} : { onProgress: (line: string) => io.err(line) }),
    });
    return await output(summary, values.out, io, false);
  } finally {
    process.off('SIGINT', onSignal);
  }
}
