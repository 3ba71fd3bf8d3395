// Runs Debian's libcoap command-line peers (coap-client-openssl, coap-server-openssl) for
// interop tests: availability probe, bounded runs, and kills with bounded waits.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';

export const libcoapClient = 'coap-client-openssl';
export const libcoapServer = 'coap-server-openssl';

function available(binary: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

export const libcoapClientMissing = !available(libcoapClient);
export const libcoapServerMissing = !available(libcoapServer);
export const libcoapMissingReason = 'libcoap binaries not installed (apt-get install -y libcoap3-bin)';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();

/** Runs a command to completion; killed (and the promise still resolved) after timeoutMs. */
export function run(binary: string, args: string[], timeoutMs: number): { child: ChildProcess; done: Promise<ChildResult> } {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const done = new Promise<ChildResult>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      stderr += String(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone (bounded). */
export async function stop(child: ChildProcess, graceMs = 1000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await Promise.race([gone, new Promise((r) => setTimeout(r, graceMs * 3))]);
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => stop(c)));
}

/** A UDP port that was free a moment ago on 127.0.0.1. */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
