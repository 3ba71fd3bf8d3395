// Judging over a link that loses datagrams: a request unanswered through all its retransmissions
// ends the case inconclusive naming the network, never failed; a wait that ends empty while the
// trace shows losses is granted the retransmission time they explain, and no more.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { CoapEndpoint } from '../../harness/coap/endpoint.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import { rfc7252Defaults, type TransmissionParams } from '../../harness/coap/transmission.ts';
import { NoAnswer } from '../../harness/errors.ts';
import { answered, unanswered } from '../../harness/peers/outcome.ts';
import { answeredOrStop, lossAwareWait, retransmissionAllowanceMs } from '../../harness/run/lossy-link.ts';
import { defineCase } from '../../harness/run/case.ts';
import { executeCase } from '../../harness/run/execute.ts';
import type { TargetView } from '../../harness/targets/target-view.ts';

const fast: TransmissionParams = { ...rfc7252Defaults, ackTimeoutMs: 40, maxRetransmit: 2 };
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A bound UDP socket that takes every datagram and answers none: a peer behind a link that loses everything. */
async function silentPeer(): Promise<{ address: string; port: number }> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { address: '127.0.0.1', port: socket.address().port };
}

describe('a request unanswered through all its retransmissions', () => {
  it('comes back with how often it was sent, and stops the case as NoAnswer', async () => {
    const endpoint = await CoapEndpoint.bind({ params: fast });
    closers.push(() => endpoint.close());
    const outcome = await endpoint.request(await silentPeer(), { method: 'GET', path: '/3/0/0' }).then(answered, unanswered);
    expect(outcome.exhausted).toEqual({ request: 'CON GET /3/0/0', transmissions: 3 });
    expect(() => answeredOrStop(outcome)).toThrow(NoAnswer);
    expect(() => answeredOrStop(outcome)).toThrow('network: no answer after 3 transmissions (CON GET /3/0/0)');
  });

  it('makes the case inconclusive with that reason, not failed', async () => {
    const target = { name: 't', role: 'client', version: '1.1', endpoint: 'ep', features: new Set<string>(), timing: {} } as unknown as TargetView;
    const noAnswer = defineCase({
      id: 'X-1', title: 't', interface: 'management', tests: 'client', since: '1.0', ref: 'r', purpose: 'p',
      run: async (ctx) => {
        ctx.check('A', 'MUST', 'an earlier check', 1, 1);
        answeredOrStop({ error: 'CON GET /3/0/0: no ACK', exhausted: { request: 'CON GET /3/0/0', transmissions: 5 } });
        ctx.check('B', 'MUST', 'never reached', 1, 2);
      },
    });
    const result = await executeCase(noAnswer, { target, trace: new TraceRecorder(), prepare: async () => {}, caseDeadlineMs: 1000, waitedMs: () => 0 });
    expect(result.verdict).toBe('inconclusive');
    expect(result.reason).toBe('network: no answer after 5 transmissions (CON GET /3/0/0)');
  });

  it('an answer or another error passes through', () => {
    expect(answeredOrStop({ error: 'peer answered with RST' })).toEqual({ error: 'peer answered with RST' });
  });
});

describe('a wait over a link that lost datagrams', () => {
  const peer = { address: '127.0.0.1', port: 1 };
  const local = { address: '127.0.0.1', port: 2 };
  const lose = (trace: TraceRecorder) => trace.record({ direction: 'in', endpoint: 'server', local, remote: peer, bytes: Buffer.from([0x40]), dropped: true, impairment: 'dropped' });
  /** A wait that finds nothing on its first call and the event on the next, recording how long each was asked to wait. */
  const secondCallFinds = () => {
    const asked: number[] = [];
    const wait = async (within: number) => {
      asked.push(within);
      return asked.length > 1 ? 'event' : undefined;
    };
    return { asked, wait };
  };

  it('is granted the retransmission time the losses explain, and says so', async () => {
    const trace = new TraceRecorder();
    const notes: string[] = [];
    lose(trace);
    const { asked, wait } = secondCallFinds();
    const found = await lossAwareWait(wait, 1000, { trace, params: fast, caseMark: 0, signal: new AbortController().signal, note: (t) => notes.push(t) });
    expect(found).toBe('event');
    expect(asked).toEqual([1000, retransmissionAllowanceMs(fast, 1)]);
    expect(notes.join('\n')).toMatch(/granted for retransmissions after 1 datagram\(s\) the link lost/);
  });

  it('without a loss in the trace the deadline stands', async () => {
    const trace = new TraceRecorder();
    const { asked, wait } = secondCallFinds();
    const found = await lossAwareWait(wait, 1000, { trace, params: fast, caseMark: 0, signal: new AbortController().signal, note: () => {} });
    expect(found).toBeUndefined();
    expect(asked).toEqual([1000]);
  });

  it('grants at most the sender\'s last retransmission', () => {
    expect(retransmissionAllowanceMs(fast, 1)).toBe(60);
    expect(retransmissionAllowanceMs(fast, 2)).toBe(180);
    expect(retransmissionAllowanceMs(fast, 9)).toBe(180);
  });
});
