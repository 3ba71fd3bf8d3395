// Memory stays bounded under a flood: the trace and a peer's event log keep at most their
// bound, positions keep counting through what they drop, and what was dropped is counted.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { RingLog } from '../../harness/coap/ring-log.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import { EventLog } from '../../harness/peers/event-log.ts';
import { ReferenceServer } from '../../harness/peers/server/reference-server.ts';
import { floodDatagram, floodKindOf, serverEventKinds } from '../../bench/flood/datagrams.ts';

describe('RingLog', () => {
  it('keeps the newest entries, with positions that keep counting', () => {
    const log = new RingLog<number>(3);
    for (let i = 0; i < 10; i++) expect(log.push(i * 10)).toBe(i);
    expect(log.from()).toEqual([70, 80, 90]);
    expect([log.start, log.end, log.length, log.dropped]).toEqual([7, 10, 3, 7]);
    expect(log.at(6)).toBeUndefined();
    expect(log.at(8)).toBe(80);
    expect(log.from(2)).toEqual([70, 80, 90]);
    expect(log.from(9)).toEqual([90]);
    expect(log.firstWhere((v) => v >= 85)).toBe(9);
    expect(log.firstWhere((v) => v >= 1000)).toBe(10);
  });
});

describe('EventLog', () => {
  it('finds what it keeps from a position taken before it dropped some', async () => {
    const log = new EventLog<number>(4);
    const since = log.position();
    for (let i = 0; i < 10; i++) log.append(i);
    expect(log.position()).toBe(10);
    expect(log.dropped).toBe(6);
    expect(log.find(since)).toBe(6); // 0..5 fell out: simply not found
    expect(log.since(8)).toEqual([8, 9]);
    const waited = log.waitFor({ since: log.position(), within: 60_000, where: (e) => e === 42 });
    for (let i = 10; i <= 42; i++) log.append(i);
    expect(await waited).toBe(42);
  });
});

describe('a flood of datagrams to the reference server', () => {
  const sockets: Socket[] = [];
  let server: ReferenceServer | undefined;
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await server?.close();
    server = undefined;
  });

  it('keeps at most its bound of trace records and events, and counts what it dropped', async () => {
    const bound = { records: 64, events: 16 };
    const total = 20_000;
    const trace = new TraceRecorder(bound.records);
    server = await ReferenceServer.start({ trace, eventLimit: bound.events });
    let received = 0;
    let largest = 0;
    trace.onRecord((r) => {
      if (r.direction === 'in') received++;
      largest = Math.max(largest, trace.all().length);
    });
    const socket = createSocket('udp4');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = server.endpoint.local;
    // In batches that the server takes in before the next: loopback drops what overflows a socket buffer.
    const batch = 100;
    for (let sent = 0; sent < total; ) {
      for (const end = Math.min(total, sent + batch); sent < end; sent++) socket.send(floodDatagram(sent), port, '127.0.0.1');
      await new Promise<void>((resolve) => {
        const check = () => (received >= sent ? resolve() : setImmediate(check));
        check();
      });
    }
    let expectedEvents = 0;
    for (let i = 0; i < total; i++) if (serverEventKinds.has(floodKindOf(i))) expectedEvents++;

    expect(received).toBe(total);
    expect(largest).toBeLessThanOrEqual(bound.records);
    expect(trace.all().length).toBe(bound.records);
    // Every datagram in and out was numbered; all but the kept ones were dropped.
    expect(trace.dropped).toBe(trace.mark() - bound.records);
    expect(trace.mark()).toBeGreaterThanOrEqual(total);
    expect(server.events.position()).toBe(expectedEvents);
    expect(server.events.all().length).toBe(bound.events);
    expect(server.events.dropped).toBe(expectedEvents - bound.events);
    // Positions stay usable: the last events are found from a position before the drops.
    expect(server.events.find(0)).toBe(server.events.all()[0]);
    expect(trace.since(0).map((r) => r.seq)).toEqual(trace.all().map((r) => r.seq));
  }, 120_000);
});
