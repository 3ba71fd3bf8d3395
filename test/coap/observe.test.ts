// Observe (RFC 7641) both ways between two endpoints: notifications in order, stale ones
// dropped, cancellation by RST, by GET with Observe=1, and by an error notification.
import { describe, expect, it } from 'vitest';
import { OptionNumber } from '../../harness/coap/message.ts';
import type { ObserveRelation } from '../../harness/coap/observe.ts';
import { encodeUint } from '../../harness/coap/options.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import { bindEndpoint, waitUntil } from './helpers.ts';

async function observedPair(opts: { trace?: TraceRecorder } = {}) {
  const server = await bindEndpoint({ name: 'server', ...(opts.trace ? { trace: opts.trace } : {}) });
  const client = await bindEndpoint({ name: 'client', ...(opts.trace ? { trace: opts.trace } : {}) });
  const relations: ObserveRelation[] = [];
  let value = 20;
  server.onRequest((req) => {
    if (req.path !== '/3303/0/5700') return { code: '4.04' };
    if (req.observe === 0 && req.startObservation) relations.push(req.startObservation());
    return { code: '2.05', payload: String(value), contentFormat: 0 };
  });
  return { server, client, relations, setValue: (v: number) => (value = v) };
}

describe('Observe', () => {
  it('registers, receives notifications in order (CON and NON), and deregisters with Observe=1', async () => {
    const { server, client, relations } = await observedPair();
    const obs = await client.observe(server.local, { path: '/3303/0/5700' });
    expect(obs.first.code).toBe('2.05');
    expect(obs.first.observe).toBeTypeOf('number');
    expect(obs.active).toBe(true);
    expect(relations.length).toBe(1);
    const rel = relations[0]!;
    expect(rel.active).toBe(true);
    expect(server.activeRelations()).toEqual([rel]);

    expect(await rel.notify({ code: '2.05', payload: '21' }, { confirmable: true })).toBe('acked');
    expect(await rel.notify({ code: '2.05', payload: '22' })).toBe('sent');
    const n1 = await obs.next(2000);
    const n2 = await obs.next(2000);
    expect([n1.payload.toString(), n2.payload.toString()]).toEqual(['21', '22']);
    expect(n2.observe!).toBeGreaterThan(n1.observe!);

    let cancelReason: string | undefined;
    rel.onCancel((r) => (cancelReason = r));
    const resp = await obs.cancel('deregister');
    expect(resp?.code).toBe('2.05');
    expect(resp?.observe).toBeUndefined();
    expect(cancelReason).toBe('deregister');
    expect(rel.active).toBe(false);
    expect(await rel.notify({ code: '2.05', payload: '23' })).toBe('inactive');
  });

  it('cancel("rst"): the next CON notification is answered with RST and the relation ends', async () => {
    const trace = new TraceRecorder();
    const { server, client, relations } = await observedPair({ trace });
    const obs = await client.observe(server.local, { path: '/3303/0/5700' });
    await obs.cancel('rst');
    const rel = relations[0]!;
    expect(await rel.notify({ code: '2.05', payload: 'x' }, { confirmable: true })).toBe('reset');
    expect(rel.ended).toBe('rst');
    expect(server.activeRelations()).toEqual([]);
  });

  it('onReceived: every notification datagram with its trace record, also after a cancel', async () => {
    const trace = new TraceRecorder();
    const { server, client, relations } = await observedPair({ trace });
    const obs = await client.observe(server.local, { path: '/3303/0/5700' });
    expect(trace.all().find((r) => r.seq === obs.first.seq)?.message).toBe(obs.first.message);
    const seen: Array<{ payload: string; seq: number; atMs: number }> = [];
    const stop = obs.onReceived((n, atMs) => seen.push({ payload: n.payload.toString(), seq: n.seq, atMs }));
    const rel = relations[0]!;
    expect(await rel.notify({ code: '2.05', payload: '21' }, { confirmable: true })).toBe('acked');
    await obs.cancel('rst');
    expect(await rel.notify({ code: '2.05', payload: '22' }, { confirmable: true })).toBe('reset');
    expect(seen.map((n) => n.payload)).toEqual(['21', '22']);
    for (const n of seen) {
      const record = trace.all().find((r) => r.seq === n.seq)!;
      expect([record.direction, record.endpoint, record.atMs]).toEqual(['in', 'client', n.atMs]);
    }
    stop();
  });

  it('cancel("rst") also ends the relation on a NON notification', async () => {
    const { server, client, relations } = await observedPair();
    const obs = await client.observe(server.local, { path: '/3303/0/5700' });
    await obs.cancel('rst');
    const rel = relations[0]!;
    expect(await rel.notify({ code: '2.05', payload: 'x' })).toBe('sent');
    await waitUntil(() => !rel.active, 2000, 'relation ended by RST');
    expect(rel.ended).toBe('rst');
  });

  it('an error notification ends the observation on both sides', async () => {
    const { server, client, relations } = await observedPair();
    const obs = await client.observe(server.local, { path: '/3303/0/5700' });
    const rel = relations[0]!;
    await rel.notify({ code: '4.04' }, { confirmable: true });
    const last = await obs.next(2000);
    expect(last.code).toBe('4.04');
    expect(obs.active).toBe(false);
    expect(rel.ended).toBe('error-response');
  });

  it('drops stale notifications (older Observe number) and iterates in order', async () => {
    const server = await bindEndpoint({ name: 'server' });
    const client = await bindEndpoint({ name: 'client' });
    server.onRequest(() => ({ code: '2.05', payload: 'first', options: [{ number: OptionNumber.Observe, value: encodeUint(10) }] }));
    const obs = await client.observe(server.local, { path: '/x' });
    expect(obs.first.observe).toBe(10);
    const send = (seq: number, payload: string, mid: number) =>
      server.sendMessage(client.local, { type: 'NON', code: '2.05', messageId: mid, token: obs.token, options: [{ number: OptionNumber.Observe, value: encodeUint(seq) }], payload: Buffer.from(payload) });
    await send(12, 'twelve', 1);
    await send(11, 'eleven (stale)', 2);
    await send(13, 'thirteen', 3);
    const seen: string[] = [];
    for await (const n of obs) {
      seen.push(n.payload.toString());
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['twelve', 'thirteen']);
    await waitUntil(() => obs.staleDropped === 1, 2000, 'stale notification counted');
  });

  it('a response without Observe does not establish an observation', async () => {
    const server = await bindEndpoint();
    const client = await bindEndpoint();
    server.onRequest(() => ({ code: '2.05', payload: 'plain' }));
    const obs = await client.observe(server.local, { path: '/x' });
    expect(obs.active).toBe(false);
    expect(obs.ended).toBe('not-established');
  });

  it('observes the other way round over the same sockets (server observes client)', async () => {
    const lwServer = await bindEndpoint({ name: 'lwm2m-server' });
    const device = await bindEndpoint({ name: 'device' });
    let deviceRel: ObserveRelation | undefined;
    device.onRequest((req) => {
      deviceRel = req.startObservation?.();
      return { code: '2.05', payload: 'on' };
    });
    lwServer.onRequest(() => ({ code: '2.01', locationPath: '/rd/1' }));
    await device.request(lwServer.local, { method: 'POST', path: '/rd', query: ['ep=d'] });
    const obs = await lwServer.observe(device.local, { path: '/3311/0/5850' });
    await deviceRel!.notify({ code: '2.05', payload: 'off' }, { confirmable: true });
    expect((await obs.next(2000)).payload.toString()).toBe('off');
  });

  it('Observe=0 with a large representation: first response and notifications come block-wise and are reassembled', async () => {
    const server = await bindEndpoint({ name: 'server', params: { blockSize: 64 } });
    const client = await bindEndpoint({ name: 'client' });
    const big = (c: string) => c.repeat(300);
    let rel: ObserveRelation | undefined;
    let current = big('a');
    server.onRequest((req) => {
      if (req.observe === 0) rel = req.startObservation?.();
      return { code: '2.05', payload: current };
    });
    const obs = await client.observe(server.local, { path: '/5/0/0' });
    expect(obs.first.payload.toString()).toBe(big('a'));
    current = big('b');
    await rel!.notify({ code: '2.05', payload: current }, { confirmable: true });
    expect((await obs.next(3000)).payload.toString()).toBe(big('b'));
  });
});
