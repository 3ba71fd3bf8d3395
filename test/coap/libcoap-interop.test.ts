// Interop with an independent CoAP implementation (Debian's libcoap 4.3): our endpoint as
// server for coap-client-openssl, and as client of coap-server-openssl.
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObserveRelation } from '../../harness/coap/observe.ts';
import { OptionNumber } from '../../harness/coap/message.ts';
import { encodeBlock } from '../../harness/coap/options.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import { bindEndpoint, waitUntil } from './helpers.ts';
import {
  freeUdpPort, libcoapClient, libcoapClientMissing, libcoapMissingReason, libcoapServer, libcoapServerMissing, run, stopAll,
} from './libcoap.ts';

afterEach(async () => {
  await stopAll();
});

const uri = (port: number, path: string) => `coap://127.0.0.1:${port}${path}`;

describe.skipIf(libcoapClientMissing)(`our endpoint as server for ${libcoapClient}${libcoapClientMissing ? ` (skipped: ${libcoapMissingReason})` : ''}`, () => {
  it('GET', async () => {
    const server = await bindEndpoint();
    server.onRequest((req) => (req.path === '/3/0/0' ? { code: '2.05', payload: 'Open Mobile Alliance', contentFormat: 0 } : { code: '4.04' }));
    const r = await run(libcoapClient, ['-B', '5', uri(server.local.port, '/3/0/0')], 10_000).done;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Open Mobile Alliance');
  });

  it('PUT with payload and content format', async () => {
    const server = await bindEndpoint();
    const got: { payload?: string; cf?: number; method?: string } = {};
    server.onRequest((req) => {
      got.payload = req.payload.toString();
      got.cf = req.contentFormat;
      got.method = req.method;
      return { code: '2.04' };
    });
    const r = await run(libcoapClient, ['-B', '5', '-m', 'put', '-t', '0', '-e', 'new-value', uri(server.local.port, '/1/0/1')], 10_000).done;
    expect(r.code).toBe(0);
    expect(got).toEqual({ payload: 'new-value', cf: 0, method: 'PUT' });
  });

  it.each([[undefined], ['64'], ['256']])('block-wise GET of a 4 KiB resource (client -b %s)', async (b) => {
    const body = randomBytes(3000).toString('base64'); // 4000 printable bytes
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server' });
    server.onRequest(() => ({ code: '2.05', payload: body, contentFormat: 0 }));
    const args = ['-B', '5', ...(b ? ['-b', b] : []), uri(server.local.port, '/5/0/0')];
    const r = await run(libcoapClient, args, 10_000).done;
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(body);
    const blocks = trace.all().filter((d) => d.direction === 'out' && d.message?.options.some((o) => o.number === OptionNumber.Block2));
    expect(blocks.length).toBe(Math.ceil(body.length / (b ? Number(b) : 1024)));
  });

  it('block-wise PUT of a 4 KiB body (client -b 64)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coap-'));
    try {
      const body = randomBytes(3000).toString('base64');
      const file = join(dir, 'body.txt');
      writeFileSync(file, body);
      const server = await bindEndpoint();
      let got: string | undefined;
      server.onRequest((req) => {
        got = req.payload.toString();
        return { code: '2.04' };
      });
      const r = await run(libcoapClient, ['-B', '5', '-m', 'put', '-b', '64', '-f', file, uri(server.local.port, '/5/0/0')], 10_000).done;
      expect(r.code).toBe(0);
      expect(got).toBe(body);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('observe (-s): the client receives our notifications', async () => {
    const server = await bindEndpoint();
    let rel: ObserveRelation | undefined;
    server.onRequest((req) => {
      if (req.observe === 0) rel = req.startObservation?.();
      return { code: '2.05', payload: 'n0' };
    });
    const { done } = run(libcoapClient, ['-B', '6', '-s', '3', '-w', uri(server.local.port, '/3303/0/5700')], 15_000);
    await waitUntil(() => rel?.active === true, 5000, 'observation registered');
    expect(await rel!.notify({ code: '2.05', payload: 'n1' }, { confirmable: true })).toBe('acked');
    expect(await rel!.notify({ code: '2.05', payload: 'n2' })).toBe('sent');
    expect(await rel!.notify({ code: '2.05', payload: 'n3' }, { confirmable: true })).toBe('acked');
    const r = await done;
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['n0', 'n1', 'n2', 'n3']);
  });
});

describe.skipIf(libcoapServerMissing)(`our endpoint as client of ${libcoapServer}${libcoapServerMissing ? ` (skipped: ${libcoapMissingReason})` : ''}`, () => {
  async function startServer() {
    const port = await freeUdpPort();
    run(libcoapServer, ['-A', '127.0.0.1', '-p', String(port), '-d', '10'], 60_000);
    const peer = { address: '127.0.0.1', port };
    const probe = await bindEndpoint({ params: { ackTimeoutMs: 50, maxRetransmit: 1 } });
    const deadline = performance.now() + 5000;
    for (;;) {
      try {
        await probe.request(peer, { method: 'GET', path: '/' });
        break;
      } catch (err) {
        if (performance.now() > deadline) throw err;
      }
    }
    return peer;
  }

  it('GET /', async () => {
    const peer = await startServer();
    const client = await bindEndpoint();
    const r = await client.request(peer, { method: 'GET', path: '/' });
    expect(r.code).toBe('2.05');
    expect(r.payload.toString()).toContain('libcoap');
  });

  it('block-wise PUT then block-wise GET of /example_data', async () => {
    const peer = await startServer();
    const client = await bindEndpoint({ params: { blockSize: 256 } });
    const body = randomBytes(3000).toString('base64');
    const put = await client.request(peer, { method: 'PUT', path: '/example_data', payload: body, contentFormat: 0 });
    expect(put.code).toMatch(/^2\./);
    const get = await client.request(peer, { method: 'GET', path: '/example_data', options: [{ number: OptionNumber.Block2, value: encodeBlock({ num: 0, more: false, szx: 2 }) }] });
    expect(get.code).toBe('2.05');
    expect(get.payload.toString()).toBe(body);
  });

  it('PUT creates a dynamic resource (-d), GET reads it back', async () => {
    const peer = await startServer();
    const client = await bindEndpoint();
    const put = await client.request(peer, { method: 'PUT', path: '/lwm2m-dynamic', payload: 'created', contentFormat: 0 });
    expect(put.code).toBe('2.01');
    const get = await client.request(peer, { method: 'GET', path: '/lwm2m-dynamic' });
    expect(get.payload.toString()).toBe('created');
  });

  it('observe /time and deregister', async () => {
    const peer = await startServer();
    const client = await bindEndpoint();
    const obs = await client.observe(peer, { path: '/time' });
    expect(obs.active).toBe(true);
    const n = await obs.next(4000);
    expect(n.code).toBe('2.05');
    expect(n.observe).toBeGreaterThan(obs.first.observe!);
    const last = await obs.cancel('deregister');
    expect(last?.code).toBe('2.05');
    expect(last?.observe).toBeUndefined();
  });
});
