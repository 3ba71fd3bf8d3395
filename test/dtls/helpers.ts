// Shared helpers for the DTLS tests: fixture credentials, skip reasons (addon, libcoap binaries),
// transports and endpoints closed after each test, and a UDP relay that can drop datagrams.
import { afterEach } from 'vitest';
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CoapEndpoint } from '../../harness/coap/endpoint.ts';
import type { BindOptions } from '../../harness/coap/endpoint.ts';
import type { TransmissionParams } from '../../harness/coap/transmission.ts';
import type { PeerAddress } from '../../harness/coap/trace.ts';
import { dtlsUnavailableReason } from '../../harness/dtls/index.ts';

const dir = fileURLToPath(new URL('../../fixtures/credentials/', import.meta.url));
const text = (name: string): string => readFileSync(dir + name, 'utf8');

export const creds = {
  identity: text('psk-identity.txt').trim(),
  key: Buffer.from(text('psk-key.hex').trim(), 'hex'),
  wrongKey: Buffer.from(text('psk-wrong-key.hex').trim(), 'hex'),
  path: (name: string): string => dir + name,
  pem: (name: string): string => text(name),
};

/** Why DTLS tests cannot run here, or undefined. */
export const dtlsMissing = dtlsUnavailableReason();

function onPath(binary: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

/** Skip reason for a libcoap binary (or the addon), or undefined when both are present. */
export function libcoapMissing(binary: string): string | undefined {
  if (dtlsMissing) return dtlsMissing;
  return onPath(binary) ? undefined : `${binary} not installed (apt-get install -y libcoap3-bin)`;
}

export const fastParams: Partial<TransmissionParams> = {
  ackTimeoutMs: 200,
  ackRandomFactor: 1.5,
  maxRetransmit: 3,
  exchangeLifetimeMs: 3000,
  nonLifetimeMs: 2000,
  piggybackWindowMs: 100,
};

const closers: Array<() => Promise<void>> = [];

/** Registers something to close after the current test; returns it. */
export function closeLater<T extends { close(): Promise<void> }>(thing: T): T {
  closers.push(() => thing.close());
  return thing;
}

export async function endpointOver(opts: BindOptions): Promise<CoapEndpoint> {
  return closeLater(await CoapEndpoint.bind({ ...opts, params: { ...fastParams, ...opts.params } }));
}

afterEach(async () => {
  await Promise.allSettled(closers.splice(0).reverse().map((c) => c()));
});

/**
 * A UDP relay in front of `target`: clients talk to relay.port; `drop(direction, index)` decides
 * per datagram (index counts datagrams in that direction) whether it is lost.
 */
export async function udpRelay(target: PeerAddress, drop: (direction: 'to-target' | 'from-target', index: number) => boolean) {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  await Promise.all([front, back].map((s) => new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()))));
  let client: PeerAddress | undefined;
  let toTarget = 0;
  let fromTarget = 0;
  front.on('message', (msg, rinfo) => {
    client = { address: rinfo.address, port: rinfo.port };
    if (!drop('to-target', toTarget++)) back.send(msg, target.port, target.address);
  });
  back.on('message', (msg) => {
    if (client && !drop('from-target', fromTarget++)) front.send(msg, client.port, client.address);
  });
  const relay = {
    peer: { address: '127.0.0.1', port: front.address().port } as PeerAddress,
    close: async () => {
      await Promise.all([front, back].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
  return closeLater(relay);
}
