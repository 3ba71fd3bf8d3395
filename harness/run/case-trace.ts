// The wire trace as a case sees it (`ctx.trace`): the datagrams and DTLS handshake events of the
// case's peers, positions to look from, and waits on them that end in undefined at a deadline
// and count as time spent on the target.
import type { DatagramRecord, SecurityEvent, TraceRecorder } from '../coap/trace.ts';
import type { CoapMessage } from '../coap/message.ts';
import { decodeBlock, OptionNumber } from '../coap/options.ts';
import type { WaitClock } from '../peers/wait-clock.ts';

export type { DatagramRecord, PeerAddress, SecurityEvent } from '../coap/trace.ts';
export type { CoapMessage } from '../coap/message.ts';

export interface CaseTrace {
  /** Position to look from: what is recorded after this call. */
  mark(): number;
  /** Datagrams recorded since a mark. */
  since(mark: number): DatagramRecord[];
  /** The datagram with a trace sequence number (e.g. an outcome's `seq`). */
  at(seq: number | undefined): DatagramRecord | undefined;
  /** DTLS handshake and session events, in order. */
  events(): readonly SecurityEvent[];
  eventsSince(mark: number): SecurityEvent[];
  /** The first datagram matching at or after `since` (default: from now), or undefined after `withinMs`. */
  waitFor(predicate: (r: DatagramRecord) => boolean, withinMs: number, since?: number): Promise<DatagramRecord | undefined>;
  /** The first DTLS event matching at or after `since` (default: from now), or undefined after `withinMs`. */
  waitForEvent(predicate: (e: SecurityEvent) => boolean, withinMs: number, since?: number): Promise<SecurityEvent | undefined>;
}

export function caseTrace(recorder: TraceRecorder, clock?: WaitClock): CaseTrace {
  const onTarget = async <T>(wait: Promise<T>): Promise<T | undefined> => {
    clock?.begin();
    try {
      return await wait.catch(() => undefined);
    } finally {
      clock?.end();
    }
  };
  return {
    mark: () => recorder.mark(),
    since: (mark) => recorder.since(mark),
    at: (seq) => (seq === undefined ? undefined : recorder.at(seq)),
    events: () => recorder.events(),
    eventsSince: (mark) => recorder.eventsSince(mark),
    waitFor: (predicate, withinMs, since) => onTarget(recorder.waitFor(predicate, withinMs, since)),
    waitForEvent: (predicate, withinMs, since) => onTarget(recorder.waitForEvent(predicate, withinMs, since)),
  };
}

/** The Location-Path of a response (e.g. 'rd/5a3f0c1d'), its segments joined with '/'. */
export function locationPath(message: CoapMessage): string {
  return message.options.filter((o) => o.number === OptionNumber.LocationPath).map((o) => o.value.toString()).join('/');
}

/** The Block1 or Block2 option of a message (RFC 7959), when it carries one. */
export function blockOption(message: CoapMessage, which: 'block1' | 'block2'): { num: number; more: boolean; size: number } | undefined {
  const number = which === 'block1' ? OptionNumber.Block1 : OptionNumber.Block2;
  const value = message.options.find((o) => o.number === number)?.value;
  const block = value ? decodeBlock(value) : undefined;
  return block ? { num: block.num, more: block.more, size: block.size } : undefined;
}
