// The network impairment layer between two real CoapEndpoints on loopback UDP: loss in both
// directions near its rate, the same pattern from the same seed (another from another), duplicates
// the receiver deduplicates, delays and reordering marked in the trace, held datagrams cancelled
// on close, and DTLS records impaired beneath the session, its handshake retransmitting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoapEndpoint, type BindOptions } from '../../harness/coap/endpoint.ts';
import type { CoapMessage } from '../../harness/coap/message.ts';
import { TraceRecorder, type DatagramRecord } from '../../harness/coap/trace.ts';
import { ImpairedTransport, type DatagramImpairment } from '../../harness/transport/impairment.ts';
import { parseImpairmentSpec } from '../../harness/transport/impairment-spec.ts';
import type { DatagramTransport, PeerAddress } from '../../harness/transport/udp.ts';
import { DtlsServerTransport } from '../../harness/dtls/index.ts';
import { toTraceEntries } from '../../harness/run/trace-entries.ts';
import { bindEndpoint, fastParams, waitUntil } from '../coap/helpers.ts';
import { creds, dtlsMissing } from '../dtls/helpers.ts';

const impairment = (spec: string, seed = 42): DatagramImpairment => ({ spec: parseImpairmentSpec(spec)!, seed });

/** An empty ACK nobody waits for: the receiver ignores it, so no traffic flows back. */
const emptyAck = (messageId: number): CoapMessage => ({ type: 'ACK', code: '0.00', messageId, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) });

const received = (trace: TraceRecorder, endpoint: string) => trace.all().filter((r) => r.endpoint === endpoint && r.direction === 'in' && !r.dropped);

/**
 * Sends `count` empty ACKs (Message IDs 0…count-1) from one endpoint to the other in small
 * batches, each batch waited for until `arrived(sentSoFar)` (loopback never loses what is paced
 * like this, so the counts are the layer's alone).
 */
async function pump(from: CoapEndpoint, to: CoapEndpoint, count: number, arrived: (sentSoFar: number) => boolean): Promise<void> {
  for (let sent = 0; sent < count; ) {
    const batch = Math.min(50, count - sent);
    for (let i = 0; i < batch; i++) await from.sendMessage(to.local, emptyAck(sent + i));
    sent += batch;
    const upTo = sent;
    await waitUntil(() => arrived(upTo), 5000, `the first ${upTo} datagrams at ${to.name}`);
  }
}

const marked = (trace: TraceRecorder, endpoint: string, direction: 'in' | 'out', kind: DatagramRecord['impairment']) =>
  trace.all().filter((r) => r.endpoint === endpoint && r.direction === direction && r.impairment === kind);

/** Which of `count` datagrams (by Message ID) a lossy sender's layer dropped. */
async function dropPattern(seed: number, count = 200): Promise<number[]> {
  const trace = new TraceRecorder();
  const receiver = await bindEndpoint({ name: 'receiver', trace });
  const sender = await bindEndpoint({ name: 'sender', trace, impairment: impairment('loss=20%', seed) });
  await pump(sender, receiver, count, (n) => received(trace, 'receiver').length + marked(trace, 'sender', 'out', 'dropped').length >= n);
  return marked(trace, 'sender', 'out', 'dropped').map((r) => r.message!.messageId);
}

describe('impairment between two CoapEndpoints', () => {
  it('repeats the same drop pattern from the same seed, another from another seed', async () => {
    const first = await dropPattern(42);
    const again = await dropPattern(42);
    const other = await dropPattern(43);
    expect(first.length).toBeGreaterThan(10);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  }, 30_000);

  it('loses datagrams in both directions near the rate, each traced as dropped', async () => {
    const trace = new TraceRecorder(20_000); // room for all 8000 records
    const harness = await bindEndpoint({ name: 'harness', trace, impairment: impairment('loss=10%', 7) });
    const target = await bindEndpoint({ name: 'target', trace });
    const count = 2000;
    await pump(harness, target, count, (n) => received(trace, 'target').length + marked(trace, 'harness', 'out', 'dropped').length >= n);
    await pump(target, harness, count, (n) => received(trace, 'harness').length + marked(trace, 'harness', 'in', 'dropped').length >= n);
    const lostOut = marked(trace, 'harness', 'out', 'dropped');
    const lostIn = marked(trace, 'harness', 'in', 'dropped');
    for (const lost of [lostOut, lostIn]) {
      expect(lost.length).toBeGreaterThan(count * 0.06);
      expect(lost.length).toBeLessThan(count * 0.14);
      for (const r of lost) expect(r).toMatchObject({ dropped: true, impairment: 'dropped', message: { type: 'ACK' } });
    }
    // What was lost never arrived; the rest did, exactly once.
    expect(received(trace, 'target').length).toBe(count - lostOut.length);
    expect(received(trace, 'harness').length).toBe(count - lostIn.length);
    const lostIds = new Set(lostOut.map((r) => r.message!.messageId));
    expect(received(trace, 'target').some((r) => lostIds.has(r.message!.messageId))).toBe(false);
  }, 60_000);

  it('duplicates datagrams; the receiver answers each request once', async () => {
    const trace = new TraceRecorder();
    const target = await bindEndpoint({ name: 'target', trace });
    const harness = await bindEndpoint({ name: 'harness', trace, impairment: impairment('dup=50%', 1) });
    let handled = 0;
    target.onRequest(() => {
      handled++;
      return { code: '2.05', payload: 'ok' };
    });
    for (let i = 0; i < 20; i++) expect((await harness.request(target.local, { method: 'GET', path: '/3/0/0' })).code).toBe('2.05');
    const copies = marked(trace, 'harness', 'out', 'duplicated');
    expect(copies.length).toBeGreaterThan(3);
    await waitUntil(() => received(trace, 'target').length === 20 + copies.length, 5000, 'every copy at the target');
    expect(handled).toBe(20);
    // Each copy is traced right after its original, with the same Message ID.
    for (const copy of copies) expect(trace.all().find((r) => r.seq === copy.seq - 1)?.message?.messageId).toBe(copy.message!.messageId);
  }, 30_000);

  it('marks delayed, reordered and incoming duplicated datagrams, and shows them in the trace text', async () => {
    const trace = new TraceRecorder();
    const target = await bindEndpoint({ name: 'target', trace });
    const harness = await bindEndpoint({ name: 'harness', trace, impairment: impairment('delay.out=20-40ms,reorder.in=30%,dup.in=30%', 5) });
    await pump(harness, target, 20, (n) => received(trace, 'target').length >= n);
    for (const r of trace.all().filter((r) => r.endpoint === 'harness' && r.direction === 'out')) {
      expect(r.impairment).toBe('delayed');
      expect(r.impairmentDelayMs).toBeGreaterThanOrEqual(20);
      expect(r.impairmentDelayMs).toBeLessThanOrEqual(40);
    }
    const copies = () => marked(trace, 'harness', 'in', 'duplicated').length;
    await pump(target, harness, 40, (n) => received(trace, 'harness').length - copies() >= n);
    const reordered = marked(trace, 'harness', 'in', 'reordered');
    expect(reordered.length).toBeGreaterThan(3);
    expect(copies()).toBeGreaterThan(3);
    // A reordered datagram arrives after the one sent after it (unless none followed in time).
    const order = received(trace, 'harness').filter((r) => r.impairment !== 'duplicated').map((r) => r.message!.messageId);
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
    const summaries = toTraceEntries(trace.all(), 0).map((e) => e.summary);
    expect(summaries.some((s) => /\[delayed \d+ ms by impairment\]$/.test(s))).toBe(true);
    expect(summaries.some((s) => /\[held back \d+ ms by impairment, reordered\]$/.test(s))).toBe(true);
    expect(summaries.some((s) => s.endsWith('[duplicated by impairment]'))).toBe(true);
  }, 30_000);
});

describe('the impairment layer itself', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A transport that only counts what is sent. */
  function countingTransport(): DatagramTransport & { sent: number } {
    return {
      local: { address: '127.0.0.1', port: 1 },
      sent: 0,
      send(this: { sent: number }) {
        this.sent++;
        return Promise.resolve();
      },
      onDatagram() {},
      onError() {},
      close: () => Promise.resolve(),
    };
  }

  it('holds delayed datagrams on timers and cancels them on close', async () => {
    vi.useFakeTimers();
    const inner = countingTransport();
    const layer = new ImpairedTransport(inner, impairment('delay=100ms'), 'test');
    const peer: PeerAddress = { address: '127.0.0.1', port: 2 };
    await layer.send(Buffer.from([1]), peer);
    await layer.send(Buffer.from([2]), peer);
    expect(inner.sent).toBe(0);
    vi.advanceTimersByTime(100);
    expect(inner.sent).toBe(2);
    await layer.send(Buffer.from([3]), peer);
    await layer.close();
    vi.advanceTimersByTime(1000);
    expect(inner.sent).toBe(2);
  });

  it('reports its decisions, and keeps those taken before anyone listened', async () => {
    const inner = countingTransport();
    const layer = new ImpairedTransport(inner, impairment('loss=100%'), 'test');
    await layer.send(Buffer.from([1]), { address: '127.0.0.1', port: 2 });
    const seen: string[] = [];
    layer.onImpairment((e) => seen.push(`${e.direction} ${e.kind}`));
    expect(seen).toEqual(['out dropped']);
    expect(inner.sent).toBe(0);
  });
});

describe.skipIf(dtlsMissing)('impairment beneath DTLS', () => {
  it('impairs the encrypted records: the handshake retransmits through loss, and the trace shows the records it acted on', async () => {
    const trace = new TraceRecorder();
    const opened: CoapEndpoint[] = [];
    const bind = async (opts: BindOptions) => {
      const ep = await CoapEndpoint.bind({ ...opts, params: { ...fastParams, maxRetransmit: 6 }, trace });
      opened.push(ep);
      return ep;
    };
    try {
      const quick = { retransmission: { initialMs: 100, maxMs: 3200 } };
      // With this seed the server's first datagram (its HelloVerifyRequest) is lost: the client must retransmit.
      const server = await bind({ name: 'server', security: { role: 'server', psk: (id) => (id.toString() === creds.identity ? creds.key : undefined), ...quick }, impairment: impairment('loss.out=30%', 30) });
      server.onRequest(() => ({ code: '2.05', payload: 'secret' }));
      expect(server.dtlsServer).toBeInstanceOf(DtlsServerTransport);
      const client = await bind({ name: 'client', security: { role: 'client', server: server.local, psk: { identity: creds.identity, key: creds.key }, ...quick } });
      for (let i = 0; i < 5; i++) expect((await client.request(server.local, { method: 'GET', path: '/3/0/0' })).payload.toString()).toBe('secret');
      const wire = trace.all().filter((r) => r.endpoint === 'server' && r.wire);
      expect(wire.length).toBeGreaterThan(0);
      for (const r of wire) expect(r).toMatchObject({ security: 'dtls', impairment: 'dropped', dropped: true });
      expect(wire[0]).toMatchObject({ direction: 'out', seq: expect.any(Number) });
      expect(wire[0]!.bytes[0]).toBe(22); // a handshake record lost
      expect(trace.all().filter((r) => r.endpoint === 'server' && r.direction === 'in' && !r.wire && r.message).length).toBeGreaterThanOrEqual(5);
      const summaries = toTraceEntries(wire, 0).map((e) => e.summary);
      expect(summaries.some((s) => /^DTLS Handshake.* \(\d+ bytes on the wire\) \[dropped by impairment\]$/.test(s))).toBe(true);
      // The decrypted messages are traced as always, and no secret appears in wire records as text.
      expect(trace.all().some((r) => r.endpoint === 'server' && r.security === 'dtls' && !r.wire && r.message?.payload.toString() === 'secret')).toBe(true);
    } finally {
      await Promise.allSettled(opened.reverse().map((e) => e.close()));
    }
  }, 30_000);
});
