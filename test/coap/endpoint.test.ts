// Endpoint message layer over real loopback UDP: requests both ways over one socket,
// piggybacked and separate responses, retransmission, deduplication, timeouts, ping, bad input.
import { describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { CoapClosedError, CoapResetError, CoapTimeoutError } from '../../harness/coap/errors.ts';
import { decodeMessage, encodeMessage, OptionNumber } from '../../harness/coap/message.ts';
import type { CoapMessage } from '../../harness/coap/message.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import { bindEndpoint, waitUntil } from './helpers.ts';

describe('CoapEndpoint request/response', () => {
  it('carries requests both ways over one socket (server calls back the source address of a registration)', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ name: 'server', trace });
    const client = await bindEndpoint({ name: 'client', trace });
    let registeredFrom: { address: string; port: number } | undefined;
    server.onRequest((req) => {
      if (req.method === 'POST' && req.path === '/rd') {
        registeredFrom = req.peer;
        expect(req.query).toEqual(['ep=dev1', 'lt=60']);
        expect(req.contentFormat).toBe(40);
        return { code: '2.01', locationPath: '/rd/5a3f' };
      }
      return { code: '4.04' };
    });
    client.onRequest((req) => ({ code: '2.05', payload: `value of ${req.path}`, contentFormat: 0 }));

    const reg = await client.request(server.local, { method: 'POST', path: '/rd', query: ['ep=dev1', 'lt=60'], contentFormat: 40, payload: '</3/0>' });
    expect(reg.code).toBe('2.01');
    expect(reg.locationPath).toBe('/rd/5a3f');
    expect(registeredFrom).toEqual(client.local);

    const read = await server.request(registeredFrom!, { method: 'GET', path: '/3/0/0' });
    expect(read.code).toBe('2.05');
    expect(read.payload.toString()).toBe('value of /3/0/0');
    expect(read.contentFormat).toBe(0);
    expect(read.message.type).toBe('ACK'); // piggybacked

    // Every datagram traced once per endpoint side, with decoded form and monotonic times.
    const records = trace.all();
    expect(records.length).toBe(8);
    expect(records.every((r) => r.message !== undefined)).toBe(true);
    for (let i = 1; i < records.length; i++) expect(records[i]!.atMs).toBeGreaterThanOrEqual(records[i - 1]!.atMs);
    expect(records.filter((r) => r.endpoint === 'client' && r.direction === 'out').length).toBe(2);
  });

  it('answers 4.04 without a handler and on unknown paths', async () => {
    const a = await bindEndpoint();
    const b = await bindEndpoint();
    const r = await b.request(a.local, { method: 'GET', path: '/nothing' });
    expect(r.code).toBe('4.04');
  });

  it('works over IPv6 loopback', async () => {
    const a = await bindEndpoint({ address: '::1' });
    const b = await bindEndpoint({ address: '::1' });
    a.onRequest(() => ({ code: '2.05', payload: 'v6' }));
    const r = await b.request(a.local, { method: 'GET', path: '/x' });
    expect(r.payload.toString()).toBe('v6');
    expect(r.peer.address).toBe('::1');
  });

  it('sends an empty ACK and then a separate CON response when the handler is slow', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server', params: { piggybackWindowMs: 20 } });
    const client = await bindEndpoint({ trace, name: 'client' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.onRequest(async () => {
      await gate;
      return { code: '2.04' };
    });
    const pending = client.request(server.local, { method: 'PUT', path: '/1/0/1', payload: '60' });
    await trace.waitFor((r) => r.endpoint === 'server' && r.direction === 'out' && r.message?.type === 'ACK' && r.message.code === '0.00', 2000, 0);
    release();
    const r = await pending;
    expect(r.code).toBe('2.04');
    expect(r.message.type).toBe('CON');
    // the client acknowledged the separate response
    await trace.waitFor((d) => d.endpoint === 'client' && d.direction === 'out' && d.message?.type === 'ACK' && d.message.messageId === r.message.messageId, 2000, 0);
  });

  it('NON requests get NON responses', async () => {
    const a = await bindEndpoint();
    const b = await bindEndpoint();
    a.onRequest(() => ({ code: '2.05', payload: 'x' }));
    const r = await b.request(a.local, { method: 'GET', path: '/x', confirmable: false });
    expect(r.message.type).toBe('NON');
  });

  it('a response from another address does not match', async () => {
    const client = await bindEndpoint({ params: { exchangeLifetimeMs: 300 } });
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    const intruder = await bindEndpoint();
    try {
      const target = { address: '127.0.0.1', port: (silent.address()).port };
      silent.on('message', (bytes) => {
        const d = decodeMessage(bytes);
        if (!d.ok) return;
        // ACK from the right peer, then a separate response from the wrong one
        silent.send(encodeMessage({ type: 'ACK', code: '0.00', messageId: d.message.messageId, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) }), client.local.port, '127.0.0.1');
        void intruder.sendMessage(client.local, { type: 'NON', code: '2.05', messageId: 7, token: d.message.token, options: [], payload: Buffer.from('forged') });
      });
      const err = await client.request(target, { method: 'GET', path: '/x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CoapTimeoutError);
      expect((err as CoapTimeoutError).kind).toBe('response');
      expect((err as Error).message).toContain('GET /x');
    } finally {
      silent.close();
    }
  });
});

describe('CoapEndpoint reliability', () => {
  it('retransmits a CON whose ACK is lost, and the duplicate is answered from the cache', async () => {
    const trace = new TraceRecorder();
    let dropped = 0;
    const server = await bindEndpoint({
      trace, name: 'server',
      dropOutgoing: (d) => d.message?.type === 'ACK' && dropped++ < 1, // lose the first ACK
    });
    const client = await bindEndpoint({ trace, name: 'client' });
    let calls = 0;
    server.onRequest(() => {
      calls++;
      return { code: '2.04' };
    });
    const t0 = performance.now();
    const r = await client.request(server.local, { method: 'POST', path: '/3/0/4' });
    expect(r.code).toBe('2.04');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(calls).toBe(1); // Execute ran once although the request arrived twice
    const clientOut = trace.all().filter((d) => d.endpoint === 'client' && d.direction === 'out');
    expect(clientOut.length).toBe(2);
    expect(clientOut[0]!.bytes.equals(clientOut[1]!.bytes)).toBe(true); // same MID, same bytes
    const acks = trace.all().filter((d) => d.endpoint === 'server' && d.direction === 'out');
    expect(acks.length).toBe(2);
    expect(acks[0]!.dropped).toBe(true);
    expect(acks[1]!.bytes.equals(acks[0]!.bytes)).toBe(true);
  });

  it('deduplicates the same MID sent twice: handler once, response repeated', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server' });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    let calls = 0;
    server.onRequest(() => ({ code: '2.04', payload: `call ${++calls}` }));
    const msg: CoapMessage = { type: 'CON', code: '0.02', messageId: 4242, token: Buffer.from([1, 2, 3]), options: [{ number: OptionNumber.UriPath, value: Buffer.from('x') }], payload: Buffer.alloc(0) };
    const mark = trace.mark();
    await raw.sendMessage(server.local, msg);
    await raw.sendMessage(server.local, msg);
    await waitUntil(() => trace.since(mark).filter((d) => d.endpoint === 'server' && d.direction === 'out').length === 2, 2000, 'two responses');
    const responses = trace.since(mark).filter((d) => d.endpoint === 'server' && d.direction === 'out');
    expect(calls).toBe(1);
    expect(responses[0]!.bytes.equals(responses[1]!.bytes)).toBe(true);
    expect(responses[0]!.message?.payload.toString()).toBe('call 1');
  });

  it('a new message under a remembered MID is dropped as a duplicate and recorded as a MID reuse', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server' });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    let calls = 0;
    server.onRequest(() => ({ code: '2.04', payload: `call ${++calls}` }));
    const msg: CoapMessage = { type: 'CON', code: '0.02', messageId: 4343, token: Buffer.from([1]), options: [], payload: Buffer.alloc(0) };
    const mark = trace.mark();
    await raw.sendMessage(server.local, msg);
    await raw.sendMessage(server.local, msg); // a retransmission: no reuse
    await raw.sendMessage(server.local, { ...msg, token: Buffer.from([2]) });
    await raw.sendMessage(server.local, { ...msg, token: Buffer.from([2]) }); // its retransmission: recorded once
    const received = () => trace.since(mark).filter((d) => d.endpoint === 'server' && d.direction === 'in');
    await waitUntil(() => received().length === 4, 2000, 'four datagrams');
    expect(calls).toBe(1);
    const [first, , reused] = received();
    expect(trace.midReusesSince(mark)).toEqual([{ endpoint: 'server', peer: raw.local, messageId: 4343, firstSeq: first!.seq, seq: reused!.seq }]);
  });

  it('a duplicate NON request is ignored', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server' });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    let calls = 0;
    server.onRequest(() => ({ code: '2.05', payload: `call ${++calls}` }));
    const msg: CoapMessage = { type: 'NON', code: '0.01', messageId: 99, token: Buffer.from([9]), options: [], payload: Buffer.alloc(0) };
    await raw.sendMessage(server.local, msg);
    await raw.sendMessage(server.local, msg);
    await raw.sendMessage(server.local, { ...msg, messageId: 100 });
    await waitUntil(() => calls === 2, 2000, 'second distinct request');
    expect(calls).toBe(2);
  });

  it('rejects with a typed CoapTimeoutError after MAX_RETRANSMIT when nobody answers', async () => {
    const trace = new TraceRecorder();
    const client = await bindEndpoint({ trace, name: 'client', params: { ackTimeoutMs: 20, maxRetransmit: 2 } });
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    try {
      const peer = { address: '127.0.0.1', port: silent.address().port };
      const err = await client.request(peer, { method: 'GET', path: '/3/0' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CoapTimeoutError);
      expect((err as CoapTimeoutError).kind).toBe('ack');
      expect((err as Error).message).toMatch(/CON GET \/3\/0 to 127\.0\.0\.1:\d+/);
      expect(trace.all().filter((d) => d.direction === 'out').length).toBe(3); // 1 + 2 retransmissions
      const times = trace.all().map((d) => d.atMs);
      expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(20 + 40 - 2); // back-off doubles: >= 20 ms, then >= 40 ms
    } finally {
      silent.close();
    }
  });

  it('rejects with CoapResetError when the peer answers RST', async () => {
    const client = await bindEndpoint();
    const rst = dgram.createSocket('udp4');
    await new Promise<void>((r) => rst.bind(0, '127.0.0.1', () => r()));
    rst.on('message', (bytes, rinfo) => {
      const d = decodeMessage(bytes);
      if (d.ok) rst.send(encodeMessage({ type: 'RST', code: '0.00', messageId: d.message.messageId, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) }), rinfo.port, rinfo.address);
    });
    try {
      const err = await client.request({ address: '127.0.0.1', port: rst.address().port }, { method: 'GET', path: '/' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CoapResetError);
    } finally {
      rst.close();
    }
  });

  it('close() rejects pending requests with CoapClosedError and leaves no timers', async () => {
    const client = await bindEndpoint();
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    try {
      const p = client.request({ address: '127.0.0.1', port: silent.address().port }, { method: 'GET', path: '/' });
      const queued = client.request({ address: '127.0.0.1', port: silent.address().port }, { method: 'GET', path: '/2' }); // waits on NSTART
      await client.close();
      await expect(p).rejects.toBeInstanceOf(CoapClosedError);
      await expect(queued).rejects.toBeInstanceOf(CoapClosedError);
      await expect(client.request({ address: '127.0.0.1', port: 1 }, { method: 'GET', path: '/' })).rejects.toBeInstanceOf(CoapClosedError);
    } finally {
      silent.close();
    }
  });

  it('paces requests to one peer by NSTART', async () => {
    const server = await bindEndpoint({ params: { piggybackWindowMs: 1000 } });
    const client = await bindEndpoint({ params: { nstart: 1 } });
    let concurrent = 0;
    let maxConcurrent = 0;
    server.onRequest(async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((r) => setTimeout(r, 10));
      concurrent--;
      return { code: '2.05' };
    });
    await Promise.all([1, 2, 3, 4].map((i) => client.request(server.local, { method: 'GET', path: `/${i}` })));
    expect(maxConcurrent).toBe(1);
  });
});

describe('CoapEndpoint robustness', () => {
  it('answers a CoAP ping (empty CON) with RST', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server' });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    await raw.sendRaw(server.local, Buffer.from([0x40, 0x00, 0x12, 0x34]));
    const rst = await trace.waitFor((d) => d.endpoint === 'server' && d.direction === 'out', 2000, 0);
    expect(rst.message?.type).toBe('RST');
    expect(rst.message?.messageId).toBe(0x1234);
  });

  it('refuses unknown critical options with 4.02 and 5.05 for Proxy-Uri', async () => {
    const server = await bindEndpoint();
    const client = await bindEndpoint();
    let calls = 0;
    server.onRequest(() => ({ code: '2.05', payload: String(++calls) }));
    const r = await client.request(server.local, { method: 'GET', path: '/x', options: [{ number: 2049 + 2, value: Buffer.from([1]) }] });
    expect(r.code).toBe('4.02');
    const e = await client.request(server.local, { method: 'GET', path: '/x', options: [{ number: 2048 + 2, value: Buffer.from([1]) }] });
    expect(e.code).toBe('2.05'); // unknown elective option is ignored
    const p = await client.request(server.local, { method: 'GET', path: '/x', options: [{ number: OptionNumber.ProxyUri, value: Buffer.from('coap://h/') }] });
    expect(p.code).toBe('5.05');
    expect(calls).toBe(1);
  });

  it('records malformed datagrams with decodeError and keeps working', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server' });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    const errors: unknown[] = [];
    server.onError((e) => errors.push(e));
    server.onRequest(() => ({ code: '2.05' }));
    const mark = trace.mark();
    const junk = [Buffer.from([0x01]), Buffer.from([0x80, 0x01, 0, 1]), Buffer.from([0x4f, 0x01, 0, 1]), Buffer.from([0x40, 0x01, 0, 5, 0xff]), Buffer.alloc(0)];
    for (const j of junk) await raw.sendRaw(server.local, j);
    await waitUntil(() => trace.since(mark).filter((d) => d.endpoint === 'server' && d.direction === 'in').length === junk.length, 2000, 'junk received');
    const received = trace.since(mark).filter((d) => d.endpoint === 'server' && d.direction === 'in');
    expect(received.every((d) => d.decodeError !== undefined && d.message === undefined)).toBe(true);
    // RFC 7252 §4.2: the CON ones with a readable MID are rejected with RST
    await waitUntil(() => trace.since(mark).some((d) => d.endpoint === 'server' && d.direction === 'out' && d.message?.type === 'RST' && d.message.messageId === 5), 2000, 'RST');
    const ok = await raw.request(server.local, { method: 'GET', path: '/' });
    expect(ok.code).toBe('2.05');
    expect(errors).toEqual([]);
  });

  it('a throwing handler yields 5.00 and the endpoint keeps serving', async () => {
    const server = await bindEndpoint();
    const client = await bindEndpoint();
    server.onRequest((req) => {
      if (req.path === '/boom') throw new Error('boom');
      return { code: '2.05' };
    });
    expect((await client.request(server.local, { method: 'GET', path: '/boom' })).code).toBe('5.00');
    expect((await client.request(server.local, { method: 'GET', path: '/ok' })).code).toBe('2.05');
  });

  it('rejects unmatched CON responses with RST', async () => {
    const trace = new TraceRecorder();
    const client = await bindEndpoint({ trace, name: 'client' });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    await raw.sendMessage(client.local, { type: 'CON', code: '2.05', messageId: 77, token: Buffer.from([5, 5]), options: [], payload: Buffer.from('late') });
    const rst = await trace.waitFor((d) => d.endpoint === 'client' && d.direction === 'out', 2000, 0);
    expect(rst.message?.type).toBe('RST');
    expect(rst.message?.messageId).toBe(77);
  });
});

describe('CoapEndpoint under random input', () => {
  it('survives random and mutated datagrams without errors, then still serves', async () => {
    const { default: fc } = await import('fast-check');
    const { ExpiringMap } = await import('../../harness/coap/dedup.ts');
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server', limits: { maxDedupEntries: 50 } });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    const errors: unknown[] = [];
    server.onError((e) => errors.push(e));
    raw.onError((e) => errors.push(e));
    server.onRequest((req) => ({ code: '2.05', payload: req.payload }));
    const valid = encodeMessage({ type: 'CON', code: '0.01', messageId: 1, token: Buffer.from([1, 2]), options: [{ number: OptionNumber.UriPath, value: Buffer.from('a') }, { number: OptionNumber.Block2, value: Buffer.from([0x12]) }], payload: Buffer.from('hi') });
    const samples = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((edits) => {
          const b = Buffer.from(valid);
          for (const [i, v] of edits) b[i] = v;
          return b;
        }),
      ),
      400,
    );
    // In batches: a burst of hundreds of datagrams can overflow the socket receive buffer.
    for (let i = 0; i < samples.length; i += 25) {
      const mark = trace.mark();
      const batch = samples.slice(i, i + 25);
      for (const s of batch) await raw.sendRaw(server.local, s);
      await waitUntil(() => trace.since(mark).filter((d) => d.endpoint === 'server' && d.direction === 'in').length >= batch.length, 5000, 'batch received');
    }
    const ok = await raw.request(server.local, { method: 'GET', path: '/' });
    expect(ok.code).toBe('2.05');
    expect(errors).toEqual([]);
    // the dedup cache stays bounded
    const m = new ExpiringMap<number>(10);
    for (let i = 0; i < 1000; i++) m.set(String(i), i, 60_000);
    expect(m.size).toBe(10);
    expect(m.get('999')).toBe(999);
  });
});
