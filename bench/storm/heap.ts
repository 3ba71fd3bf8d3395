// Heap per registration of the reference server: registers clients through a storm
// (bench/storm/clients.ts) against a server in this process, and after a full garbage
// collection at each mark takes the heap in use. The bounded parts (trace, event log, dedup)
// fill by the first mark, so the growth between marks is what each registration holds.
// Usage: node --expose-gc --import tsx bench/storm/heap.ts [--clients N] [--window W]
import { parseArgs } from 'node:util';
import { ReferenceServer } from '../../harness/peers/server/reference-server.ts';
import { storm } from './clients.ts';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '50000' }, window: { type: 'string', default: '256' } } });
const clients = Number(values.clients);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const server = await ReferenceServer.start({ port: 0 });
const empty = heapMb();
const heap: { registered: number; mb: number }[] = [];
const first = Math.min(10_000, clients / 5);
const result = await storm({
  port: server.endpoint.local.port,
  clients,
  window: Number(values.window),
  marks: [first, clients],
  lifetimeS: 86400,
  ackTimeoutMs: 2000,
  ackRandomFactor: 1.5,
  maxRetransmit: 4,
  // Measured after the storm for the last mark: the clients still in flight then are done.
  onMark: (registered) => void (registered < clients && heap.push({ registered, mb: heapMb() })),
});
heap.push({ registered: server.registrations.size, mb: heapMb() });
const [a, b] = heap as [(typeof heap)[0], (typeof heap)[0]];
console.log(`heap in use: ${empty.toFixed(1)} MB empty, ${a.mb.toFixed(1)} MB at ${a.registered}, ${b.mb.toFixed(1)} MB at ${b.registered} registered (gave up ${result.gaveUp})`);
console.log(`per registration: ${(((b.mb - a.mb) * 2 ** 20) / (b.registered - a.registered)).toFixed(0)} bytes (between the marks), ${(((b.mb - empty) * 2 ** 20) / b.registered).toFixed(0)} bytes (all told)`);
await server.close();
const m = process.memoryUsage();
console.log(Object.entries(m).map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(0)} MB`).join(', '));
