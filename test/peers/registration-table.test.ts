// The reference server's registration table stays consistent across its indexes (endpoint
// name, location, peer address) through replace, Update from a new address, De-register and
// lifetime expiry; Send on /dp finds its sender by address.
import { afterEach, describe, expect, it } from 'vitest';
import { CoapEndpoint } from '../../harness/coap/endpoint.ts';
import { ReferenceServer } from '../../harness/peers/server/reference-server.ts';
import { DeadlineQueue } from '../../harness/peers/server/deadlines.ts';

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

describe('DeadlineQueue', () => {
  it('calls each key once at its latest schedule, in due order, and never a cancelled one', async () => {
    const due: string[] = [];
    const queue = new DeadlineQueue<string>((key) => due.push(key));
    const now = performance.now();
    queue.schedule('a', now + 60);
    queue.schedule('b', now + 20);
    queue.schedule('c', now + 40);
    queue.schedule('a', now + 10); // rescheduled earlier
    queue.schedule('c', now + 80); // and later
    queue.schedule('d', now + 30);
    queue.cancel('d');
    for (let i = 0; i < 200; i++) queue.schedule(`x${i % 2}`, now + 1000 + i); // stale entries pile up, then compact
    queue.cancel('x0');
    queue.cancel('x1');
    await new Promise((done) => setTimeout(done, 150));
    expect(due).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });
});
