// DTLS benchmark on loopback: full handshakes per second (PSK CCM_8, ECDHE-ECDSA CCM_8 with
// mutual certificates) and CoAP request round-trip over DTLS versus plain UDP, client and server
// in this one process. Run: npm run bench:dtls [-- --seconds S] [-- --requests N]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CoapEndpoint } from '../../harness/coap/endpoint.ts';
import type { PeerAddress } from '../../harness/coap/trace.ts';
import { DtlsClientTransport, DtlsServerTransport, dtlsUnavailableReason } from '../../harness/dtls/index.ts';
import type { DtlsClientOptions, DtlsServerOptions } from '../../harness/dtls/index.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, requests: { type: 'string' } } });
const SECONDS = Number(values.seconds ?? 2);
const REQUESTS = Number(values.requests ?? 2000);

const unavailable = dtlsUnavailableReason();
if (unavailable) {
  console.error(unavailable);
  process.exit(1);
}

const dir = fileURLToPath(new URL('../../fixtures/credentials/', import.meta.url));
const pem = (name: string): string => readFileSync(dir + name, 'utf8');
const identity = readFileSync(dir + 'psk-identity.txt', 'utf8').trim();
const key = Buffer.from(readFileSync(dir + 'psk-key.hex', 'utf8').trim(), 'hex');

interface Mode {
  name: string;
  server: DtlsServerOptions;
  client: DtlsClientOptions;
}

const modes: Mode[] = [
  {
    name: 'PSK, TLS_PSK_WITH_AES_128_CCM_8',
    server: { psk: (id) => (id.toString() === identity ? key : undefined), ciphersuites: ['TLS_PSK_WITH_AES_128_CCM_8'] },
    client: { psk: { identity, key }, ciphersuites: ['TLS_PSK_WITH_AES_128_CCM_8'] },
  },
  {
    name: 'X.509, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8',
    server: { certificate: { cert: pem('server-cert.pem'), key: pem('server-key.pem'), ca: pem('ca-cert.pem') }, ciphersuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'] },
    client: {
      certificate: { cert: pem('client-cert.pem'), key: pem('client-key.pem'), ca: pem('ca-cert.pem') },
      serverName: 'localhost',
      ciphersuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'],
    },
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Sequential full handshakes (cookie exchange included) for about SECONDS. */
async function handshakes(mode: Mode): Promise<{ perSecond: number; medianMs: number }> {
  const server = await DtlsServerTransport.bind({ ...mode.server, maxSessions: 100_000 });
  const times: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    const client = await DtlsClientTransport.connect(server.local, mode.client);
    times.push(performance.now() - t0);
    await client.abandon();
  }
  await server.close();
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return { perSecond: (times.length * 1000) / total, medianMs: percentile(times, 0.5) };
}

/** Sequential confirmable GETs with a 16-byte payload answered piggybacked. */
async function roundTrips(server: CoapEndpoint, client: CoapEndpoint, peer: PeerAddress): Promise<{ p50: number; p99: number; perSecond: number }> {
  server.onRequest(() => ({ code: '2.05', payload: '0123456789abcdef', contentFormat: 0 }));
  for (let i = 0; i < 100; i++) await client.request(peer, { method: 'GET', path: '/3/0/0' }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await client.request(peer, { method: 'GET', path: '/3/0/0' });
    times.push(performance.now() - t0);
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), perSecond: (REQUESTS * 1000) / total };
}

async function plainRoundTrips() {
  const server = await CoapEndpoint.bind();
  const client = await CoapEndpoint.bind();
  try {
    return await roundTrips(server, client, server.local);
  } finally {
    await Promise.all([client.close(), server.close()]);
  }
}

async function dtlsRoundTrips(mode: Mode) {
  const server = await CoapEndpoint.bind({ transport: await DtlsServerTransport.bind(mode.server) });
  const client = await CoapEndpoint.bind({ transport: await DtlsClientTransport.connect(server.local, mode.client) });
  try {
    return await roundTrips(server, client, server.local);
  } finally {
    await client.close();
    await server.close();
  }
}

const rows: string[][] = [['Measure', 'Transport', 'Result']];
const ms = (n: number): string => `${n.toFixed(3)} ms`;

for (const mode of modes) {
  const h = await handshakes(mode);
  rows.push(['handshakes/s (sequential, with cookie)', mode.name, `${h.perSecond.toFixed(0)}/s (median ${ms(h.medianMs)})`]);
}
const plain = await plainRoundTrips();
rows.push(['CON GET round trip p50 / p99', 'plain UDP', `${ms(plain.p50)} / ${ms(plain.p99)} (${plain.perSecond.toFixed(0)} req/s)`]);
for (const mode of modes) {
  const r = await dtlsRoundTrips(mode);
  rows.push(['CON GET round trip p50 / p99', `DTLS ${mode.name}`, `${ms(r.p50)} / ${ms(r.p99)} (${r.perSecond.toFixed(0)} req/s)`]);
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
const line = (r: string[]): string => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
console.log(`DTLS benchmark on loopback (${process.version}, ${SECONDS}s of handshakes per mode, ${REQUESTS} requests per transport)`);
console.log(line(rows[0]!));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
