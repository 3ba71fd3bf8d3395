// The reference server's registration table stays consistent across its indexes (endpoint
// name, location, peer address) through replace, Update from a new address, De-register and
// lifetime expiry; Send on /dp finds its sender by address.
import { afterEach, describe, expect, it } from 'vitest';
import { CoapEndpoint } from '../../harness/coap/endpoint.ts';
import { ReferenceServer } from '../../harness/peers/server/reference-server.ts';
import { DeadlineQueue } from '../../harness/peers/server/deadlines.ts';
import { RegistrationTable } from '../../harness/peers/server/registrations.ts';

const fast = { ackTimeoutMs: 100, ackRandomFactor: 1, maxRetransmit: 2, exchangeLifetimeMs: 2000, nonLifetimeMs: 1000 };
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function setUp(): Promise<{ server: ReferenceServer; client: () => Promise<CoapEndpoint> }> {
  const server = await ReferenceServer.start({ params: fast });
  opened.push(server);
  const client = async () => {
    const endpoint = await CoapEndpoint.bind({ params: fast });
    opened.push(endpoint);
    return endpoint;
  };
  return { server, client };
}

const register = (from: CoapEndpoint, server: ReferenceServer, ep: string, lt = 60) =>
  from.request(server.endpoint.local, { method: 'POST', path: '/rd', query: [`ep=${ep}`, `lt=${lt}`, 'lwm2m=1.1'], payload: '</1/0>,</3/0>', contentFormat: 40 });

describe('RegistrationTable', () => {
  it('replaces a registration of the same endpoint from a new address in every index', async () => {
    const { server, client } = await setUp();
    const [a, b] = [await client(), await client()];
    const first = await register(a, server, 'dev-1');
    expect(first.code).toBe('2.01');
    const old = server.registrations.byEndpoint('dev-1')!;
    expect(server.registrations.at(first.locationPath)).toBe(old);
    expect(server.registrations.from(a.local)).toBe(old);

    const second = await register(b, server, 'dev-1');
    const current = server.registrations.byEndpoint('dev-1')!;
    expect(current).not.toBe(old);
    expect(server.registrations.at(first.locationPath)).toBeUndefined();
    expect(server.registrations.at(second.locationPath)).toBe(current);
    expect(server.registrations.from(a.local)).toBeUndefined();
    expect(server.registrations.from(b.local)).toBe(current);
    expect(server.registrations.size).toBe(1);
  });

  it('follows an Update from a new address, and Send finds the sender there only', async () => {
    const { server, client } = await setUp();
    const [a, b] = [await client(), await client()];
    const { locationPath } = await register(a, server, 'dev-2');
    expect((await b.request(server.endpoint.local, { method: 'POST', path: locationPath })).code).toBe('2.04');
    const registration = server.registrations.byEndpoint('dev-2')!;
    expect(registration.peer).toEqual(b.local);
    expect(server.registrations.from(a.local)).toBeUndefined();
    expect(server.registrations.from(b.local)).toBe(registration);

    const send = (from: CoapEndpoint) => from.request(server.endpoint.local, { method: 'POST', path: '/dp', payload: '[]', contentFormat: 110 });
    expect((await send(b)).code).toBe('2.04');
    expect((await send(a)).code).toBe('4.04');
  });

  it('forgets a de-registered client in every index', async () => {
    const { server, client } = await setUp();
    const a = await client();
    const { locationPath } = await register(a, server, 'dev-3');
    expect((await a.request(server.endpoint.local, { method: 'DELETE', path: locationPath })).code).toBe('2.02');
    expect(server.registrations.byEndpoint('dev-3')).toBeUndefined();
    expect(server.registrations.at(locationPath)).toBeUndefined();
    expect(server.registrations.from(a.local)).toBeUndefined();
    expect(server.registrations.size).toBe(0);
    // The name is free again, from the same address.
    expect((await register(a, server, 'dev-3')).code).toBe('2.01');
    expect(server.registrations.from(a.local)?.endpoint).toBe('dev-3');
  });

  it('expires a registration whose lifetime passes, and keeps one that was updated', async () => {
    const { server, client } = await setUp();
    const [a, b] = [await client(), await client()];
    const since = server.events.position();
    const gone = await register(a, server, 'dev-4', 1);
    const kept = await register(b, server, 'dev-5', 1);
    await new Promise((done) => setTimeout(done, 600));
    expect((await b.request(server.endpoint.local, { method: 'POST', path: kept.locationPath, query: ['lt=5'] })).code).toBe('2.04');
    const expired = await server.events.waitFor({ since, within: 3000, where: (e) => e.kind === 'expired' });
    expect(expired?.endpoint).toBe('dev-4');
    expect(server.registrations.byEndpoint('dev-4')).toBeUndefined();
    expect(server.registrations.at(gone.locationPath)).toBeUndefined();
    expect(server.registrations.from(a.local)).toBeUndefined();
    expect(server.registrations.byEndpoint('dev-5')).toBeDefined();
    expect(server.registrations.from(b.local)?.endpoint).toBe('dev-5');
    expect(server.registrations.size).toBe(1);
  });
});

describe('RegistrationTable addresses', () => {
  it('tells apart clients by address and port, IPv4, IPv6 and any other text alike', () => {
    const table = new RegistrationTable(() => {}, 0, false);
    const peers = [
      { address: '10.0.0.1', port: 5683 },
      { address: '10.0.0.1', port: 5684 },
      { address: '10.0.1.0', port: 5683 },
      { address: '::1', port: 5683 },
      { address: '::ffff:10.0.0.1', port: 5683 },
      { address: '10.0.0', port: 5683 },
    ];
    peers.forEach((peer, i) => table.add({ endpoint: `ep-${i}`, location: table.newLocation(), peer, lifetimeS: 60, version: '1.1', binding: 'U', queueMode: false, links: [], registeredAtMs: 0, lastUpdateAtMs: 0, expiresAtMs: 60_000 }));
    peers.forEach((peer, i) => expect(table.from({ ...peer })?.endpoint).toBe(`ep-${i}`));
    expect(table.from({ address: '10.0.0.2', port: 5683 })).toBeUndefined();
    expect(table.from({ address: '10.0.0.1', port: 5685 })).toBeUndefined();
    // A client's new address replaces its old one.
    table.moveTo(table.byEndpoint('ep-0')!, { address: '192.168.0.9', port: 40000 });
    expect(table.from(peers[0]!)).toBeUndefined();
    expect(table.from({ address: '192.168.0.9', port: 40000 })?.endpoint).toBe('ep-0');
  });
});

describe('DeadlineQueue', () => {
  it("calls each key once at its owner's current schedule, in due order, and never a dropped one", async () => {
    const due: string[] = [];
    const schedule = new Map<string, number>();
    const queue = new DeadlineQueue<string>({
      isCurrent: (key, atMs) => schedule.get(key) === atMs,
      due: (key) => {
        schedule.delete(key);
        due.push(key);
      },
      get scheduled() {
        return schedule.size;
      },
    });
    const at = (key: string, atMs: number) => {
      schedule.set(key, atMs);
      queue.schedule(key, atMs);
    };
    const drop = (key: string) => {
      schedule.delete(key);
      queue.dropped();
    };
    const now = performance.now();
    at('a', now + 60);
    at('b', now + 20);
    at('c', now + 40);
    at('a', now + 10); // rescheduled earlier
    at('c', now + 80); // and later
    at('d', now + 30);
    drop('d');
    for (let i = 0; i < 200; i++) at(`x${i % 2}`, now + 1000 + i); // stale pairs pile up, then compact
    expect(queue.held).toBeLessThan(200);
    drop('x0');
    drop('x1');
    const deadline = performance.now() + 2000;
    while (due.length < 3 && performance.now() < deadline) await new Promise((done) => setTimeout(done, 5));
    expect(due).toEqual(['a', 'b', 'c']);
    expect(schedule.size).toBe(0);
    expect(queue.held).toBe(0);
  });
});
