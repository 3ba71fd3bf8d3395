// Floods `serve` and `device` on loopback with garbage and valid-looking CoAP datagrams and
// prints each one's resident memory before and after. Their trace and event logs are bounded
// (5,000 entries each by default), so memory levels off: the ceiling checked is 200 MB.
// The peers run with V8's old space capped (--old-space-mb, default 64; 0: Node's default):
// unbounded growth then ends in an out-of-memory crash instead of hiding in the headroom V8
// leaves itself when nothing presses it (about 240 MB after 10^6 datagrams, uncapped).
// Usage: node --import tsx bench/flood/run.ts [--datagrams N] [--senders N] [--ceiling MB] [--old-space-mb N]
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeMessage, encodeMessage } from '../../harness/coap/message.ts';
import { OptionNumber } from '../../harness/coap/options.ts';
import { floodDatagram } from './datagrams.ts';

const root = resolve(import.meta.dirname, '..', '..');
const bin = resolve(root, 'bin', 'lwm2m-conformance.js');
const { values } = parseArgs({
  options: {
    datagrams: { type: 'string', default: '1000000' },
    senders: { type: 'string', default: '4' },
    ceiling: { type: 'string', default: '200' },
    'old-space-mb': { type: 'string', default: '64' },
  },
});
const total = Number(values.datagrams);
const senders = Number(values.senders);
const ceilingMb = Number(values.ceiling);
const oldSpaceMb = Number(values['old-space-mb']);
const peerEnv = oldSpaceMb > 0 ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${oldSpaceMb}`.trim() } : process.env;

/** Resident memory of a process, MB (Linux /proc). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

async function udpSocket(port = 0): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((done) => socket.bind(port, '127.0.0.1', done));
  return socket;
}

async function freeUdpPort(): Promise<number> {
  const socket = await udpSocket();
  const { port } = socket.address();
  await new Promise<void>((done) => socket.close(done));
  return port;
}

function start(args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: peerEnv });
  child.stdout!.resume();
  return new Promise((done, fail) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (seen === undefined) return;
      seen += chunk.toString();
      if (ready.test(seen)) {
        seen = undefined as never;
        done(child);
      }
    });
    child.once('exit', (code) => fail(new Error(`${args[0]} exited (${code}) before it was ready`)));
  });
}

/**
 * Sends `total` datagrams from `senders` sockets, a window at a time: each window waits for a
 * tick so the receiver works through it (unbounded sending only fills socket buffers).
 */
async function flood(port: number): Promise<number> {
  const sockets = await Promise.all(Array.from({ length: senders }, () => udpSocket()));
  for (const s of sockets) s.on('message', () => {});
  const window = 200;
  const started = performance.now();
  for (let i = 0; i < total; ) {
    for (const end = Math.min(total, i + window); i < end; i++) sockets[i % senders]!.send(floodDatagram(i), port, '127.0.0.1');
    await new Promise((done) => setTimeout(done, 1));
  }
  for (const s of sockets) s.close();
  return (performance.now() - started) / 1000;
}

async function settle(): Promise<void> {
  await new Promise((done) => setTimeout(done, 2000));
}

async function measure(name: string, child: ChildProcess, port: number): Promise<boolean> {
  await settle();
  const before = rssMb(child.pid!);
  const seconds = await flood(port);
  await settle();
  if (child.exitCode !== null || child.signalCode !== null) {
    console.log(`${name.padEnd(7)} ended during the flood (${child.exitCode ?? child.signalCode}): its memory is not bounded`);
    return false;
  }
  const after = rssMb(child.pid!);
  const ok = after < ceilingMb;
  const cap = oldSpaceMb > 0 ? `, old space capped at ${oldSpaceMb} MB` : '';
  console.log(`${name.padEnd(7)} RSS ${before.toFixed(0).padStart(4)} MB before, ${after.toFixed(0).padStart(4)} MB after ${total} datagrams in ${seconds.toFixed(1)} s${cap} (ceiling ${ceilingMb} MB: ${ok ? 'ok' : 'EXCEEDED'})`);
  child.kill('SIGTERM');
  return ok;
}

async function floodServe(): Promise<boolean> {
  const port = await freeUdpPort();
  const child = await start(['serve', '--port', String(port), '--http-port', '0'], /LwM2M server on/);
  return measure('serve', child, port);
}

/** The device registers to a stand-in server (answered 2.01), which learns the device's port from it. */
async function floodDevice(): Promise<boolean> {
  const server = await udpSocket();
  const registered = new Promise<number>((done) => {
    server.on('message', (bytes, from) => {
      const decoded = decodeMessage(bytes);
      if (!decoded.ok || decoded.message.type !== 'CON') return;
      const { message } = decoded;
      const created = message.code === '0.02' && message.options.some((o) => o.number === OptionNumber.UriPath && o.value.toString() === 'rd');
      const options = created ? [{ number: OptionNumber.LocationPath, value: Buffer.from('rd') }, { number: OptionNumber.LocationPath, value: Buffer.from('flood') }] : [];
      server.send(encodeMessage({ type: 'ACK', code: created ? '2.01' : '2.04', messageId: message.messageId, token: message.token, options, payload: Buffer.alloc(0) }), from.port, from.address);
      if (created) done(from.port);
    });
  });
  const { port } = server.address();
  const child = spawn(process.execPath, [bin, 'device', '--server', `coap://127.0.0.1:${port}`, '--endpoint', 'flood-device'], { stdio: ['pipe', 'pipe', 'pipe'], env: peerEnv });
  child.stdout!.resume();
  child.stderr!.resume();
  const devicePort = await registered;
  const ok = await measure('device', child, devicePort);
  server.close();
  return ok;
}

const results = [await floodServe(), await floodDevice()];
process.exitCode = results.every(Boolean) ? 0 : 1;
