// Block-wise transfers (RFC 7959) between two endpoints: Block2 and Block1 with payloads of
// several KiB at different block sizes, size negotiation, 4.08 and 4.13.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { block1, block2, OptionNumber, size2 } from '../../harness/coap/message.ts';
import { encodeBlock } from '../../harness/coap/options.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import { bindEndpoint } from './helpers.ts';

describe('Block2', () => {
  it.each([16, 64, 256, 1024] as const)('serves and reassembles a 5 KiB representation at %i-byte blocks', async (blockSize) => {
    const trace = new TraceRecorder();
    const body = randomBytes(5 * 1024 + 7);
    const server = await bindEndpoint({ trace, name: 'server', params: { blockSize } });
    const client = await bindEndpoint({ trace, name: 'client' });
    let calls = 0;
    server.onRequest(() => {
      calls++;
      return { code: '2.05', payload: body, contentFormat: 42 };
    });
    const r = await client.request(server.local, { method: 'GET', path: '/5/0/0' });
    expect(r.payload.equals(body)).toBe(true);
    expect(r.contentFormat).toBe(42);
    expect(calls).toBe(1); // later blocks come from the cache
    const responses = trace.all().filter((d) => d.endpoint === 'server' && d.direction === 'out').map((d) => d.message!);
    expect(responses.length).toBe(Math.ceil(body.length / blockSize));
    expect(size2(responses[0]!)).toBe(body.length);
    for (const m of responses) {
      const b = block2(m)!;
      if (b.more) expect(m.payload.length).toBe(blockSize); // full blocks whenever M=1
    }
  });

  it('honours a smaller block size asked for by the client in block 0 (late negotiation)', async () => {
    const body = randomBytes(3000);
    const server = await bindEndpoint({ params: { blockSize: 1024 } });
    const client = await bindEndpoint();
    server.onRequest(() => ({ code: '2.05', payload: body }));
    const r = await client.request(server.local, { method: 'GET', path: '/x', options: [{ number: OptionNumber.Block2, value: encodeBlock({ num: 0, more: false, szx: 2 }) }] });
    expect(block2(r.message)!.size).toBe(64);
    expect(r.payload.equals(body)).toBe(true);
  });

  it('regenerates a block when nothing is cached (stateless follow-up)', async () => {
    const body = randomBytes(500);
    const server = await bindEndpoint({ params: { blockSize: 128 } });
    const client = await bindEndpoint();
    server.onRequest(() => ({ code: '2.05', payload: body }));
    const r = await client.request(server.local, { method: 'GET', path: '/x', noBlockwise: true, options: [{ number: OptionNumber.Block2, value: encodeBlock({ num: 2, more: false, szx: 3 }) }] });
    expect(block2(r.message)).toEqual({ num: 2, more: true, szx: 3, size: 128 });
    expect(r.payload.equals(body.subarray(256, 384))).toBe(true);
    const beyond = await client.request(server.local, { method: 'GET', path: '/x', noBlockwise: true, options: [{ number: OptionNumber.Block2, value: encodeBlock({ num: 9, more: false, szx: 3 }) }] });
    expect(beyond.code).toBe('4.02');
  });
});

describe('Block1', () => {
  it.each([32, 512, 1024] as const)('sends a 6 KiB body at %i-byte blocks and the server reassembles it', async (blockSize) => {
    const trace = new TraceRecorder();
    const body = randomBytes(6 * 1024 + 3);
    const server = await bindEndpoint({ trace, name: 'server' });
    const client = await bindEndpoint({ trace, name: 'client', params: { blockSize } });
    const received: Buffer[] = [];
    server.onRequest((req) => {
      received.push(req.payload);
      expect(req.block1?.more).toBe(false);
      return { code: '2.04' };
    });
    const r = await client.request(server.local, { method: 'PUT', path: '/5/0/0', payload: body, contentFormat: 42 });
    expect(r.code).toBe('2.04');
    expect(block1(r.message)?.more).toBe(false);
    expect(received.length).toBe(1);
    expect(received[0]!.equals(body)).toBe(true);
    const continues = trace.all().filter((d) => d.endpoint === 'server' && d.direction === 'out' && d.message?.code === '2.31');
    expect(continues.length).toBe(Math.ceil(body.length / blockSize) - 1);
  });

  it('follows a smaller block size the server asks for in 2.31', async () => {
    const trace = new TraceRecorder();
    const body = randomBytes(4000);
    const server = await bindEndpoint({ trace, name: 'server', params: { blockSize: 128 } });
    const client = await bindEndpoint({ trace, name: 'client', params: { blockSize: 1024 } });
    let got: Buffer | undefined;
    server.onRequest((req) => {
      got = req.payload;
      return { code: '2.04' };
    });
    await client.request(server.local, { method: 'PUT', path: '/x', payload: body });
    expect(got?.equals(body)).toBe(true);
    const sizes = trace.all().filter((d) => d.endpoint === 'client' && d.direction === 'out').map((d) => block1(d.message!)!.size);
    expect(sizes[0]).toBe(1024);
    expect(sizes.slice(1).every((s) => s === 128)).toBe(true);
  });

  it('answers 4.13 with Size1 when the body is too large, and 4.08 for a missing block', async () => {
    const server = await bindEndpoint({ limits: { maxBodyBytes: 2000 } });
    const client = await bindEndpoint({ params: { blockSize: 512 } });
    server.onRequest(() => ({ code: '2.04' }));
    const r = await client.request(server.local, { method: 'PUT', path: '/x', payload: randomBytes(5000) });
    expect(r.code).toBe('4.13');
    const gap = await client.request(server.local, { method: 'PUT', path: '/y', noBlockwise: true, payload: randomBytes(64), options: [{ number: OptionNumber.Block1, value: encodeBlock({ num: 3, more: true, szx: 2 }) }] });
    expect(gap.code).toBe('4.08');
  });

  it('a repeated block is idempotent and a new block 0 restarts the transfer', async () => {
    const server = await bindEndpoint();
    const client = await bindEndpoint();
    let got: Buffer | undefined;
    server.onRequest((req) => {
      got = req.payload;
      return { code: '2.04' };
    });
    const put = (num: number, more: boolean, data: string) =>
      client.request(server.local, { method: 'PUT', path: '/z', noBlockwise: true, payload: data, options: [{ number: OptionNumber.Block1, value: encodeBlock({ num, more, szx: 0 }) }] });
    const b = (c: string) => c.repeat(16);
    expect((await put(0, true, b('a'))).code).toBe('2.31');
    expect((await put(1, true, b('b'))).code).toBe('2.31');
    expect((await put(1, true, b('b'))).code).toBe('2.31'); // duplicate
    expect((await put(2, false, 'end')).code).toBe('2.04');
    expect(got?.toString()).toBe(b('a') + b('b') + 'end');
    expect((await put(0, true, b('x'))).code).toBe('2.31');
    expect((await put(0, true, b('y'))).code).toBe('2.31'); // restart
    expect((await put(1, false, 'z')).code).toBe('2.04');
    expect(got?.toString()).toBe(b('y') + 'z');
  });
});
