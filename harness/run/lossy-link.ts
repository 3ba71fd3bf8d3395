// Judging over a link that loses datagrams. Two rules keep a lost datagram from being blamed on
// the target: a request of the harness that goes unanswered through all its retransmissions
// ends the case inconclusive (NoAnswer), and a wait for something the target sends, when it ends
// empty while the trace shows datagrams the link lost, is granted the time the target's CoAP
// retransmissions take to bring a lost message through.
import type { TraceRecorder } from '../coap/trace.ts';
import type { TransmissionParams } from '../coap/transmission.ts';
import { NoAnswer } from '../errors.ts';
import type { Outcome } from '../peers/outcome.ts';

/** An outcome as it is, or NoAnswer when its request exhausted its retransmissions. */
export function answeredOrStop<T>(result: T): T {
  const exhausted = (result as Partial<Outcome> | undefined)?.exhausted;
  if (exhausted) throw new NoAnswer(exhausted.request, exhausted.transmissions);
  return result;
}

/** The named request methods of a peer, each stopping the case on NoAnswer. */
export function stoppingOnNoAnswer<T extends object, K extends keyof T>(target: T, names: readonly K[]): Pick<T, K> {
  return Object.fromEntries(
    names.map((name) => {
      const method = (target[name] as (...args: unknown[]) => unknown).bind(target);
      return [name, (...args: unknown[]) => {
        const result = method(...args);
        return result instanceof Promise ? result.then(answeredOrStop) : answeredOrStop(result);
      }];
    }),
  ) as Pick<T, K>;
}

/** Datagrams the link lost (the trace marks them) in either direction at or after `sinceMs`. */
export function lostSince(trace: TraceRecorder, fromMark: number, sinceMs: number): number {
  let lost = 0;
  for (const r of trace.since(fromMark)) if (r.atMs >= sinceMs && r.impairment === 'dropped') lost++;
  return lost;
}

/** The time a sender's retransmissions take to bring a message through `lost` losses (RFC 7252 §4.2 backoff), at most up to its last one. */
export function retransmissionAllowanceMs(params: TransmissionParams, lost: number): number {
  const k = Math.min(lost, params.maxRetransmit);
  return params.ackTimeoutMs * params.ackRandomFactor * (2 ** k - 1);
}

export interface LossyWait {
  trace: TraceRecorder;
  /** The target's CoAP timers as the profile states them (the harness's own are the same). */
  params: TransmissionParams;
  /** A trace mark no later than the wait's start (the case's start). */
  caseMark: number;
  signal: AbortSignal;
  /** Told when an answer came only in the time granted for retransmissions. */
  note(text: string): void;
}

/**
 * Waits with `wait(ms)` (which looks from a fixed position, so a later call still finds what an
 * earlier one missed); when it ends empty and the link lost datagrams during the wait or the
 * `within` before it (what the target reacts to), waits the retransmission time those losses
 * explain, again while new losses show, up to the sender's last retransmission.
 */
export async function lossAwareWait<T>(wait: (withinMs: number) => Promise<T | undefined>, within: number, link: LossyWait): Promise<T | undefined> {
  const windowStart = performance.now() - within;
  let found = await wait(within);
  let granted = 0;
  let counted = 0;
  while (found === undefined && !link.signal.aborted) {
    const lost = lostSince(link.trace, link.caseMark, windowStart);
    if (lost <= counted) break;
    counted = lost;
    const more = retransmissionAllowanceMs(link.params, lost) - granted;
    if (more <= 0) break;
    granted += more;
    found = await wait(more);
  }
  if (found !== undefined && granted > 0) {
    link.note(`an answer came after its ${within / 1000} s deadline, within the ${Math.round(granted) / 1000} s granted for retransmissions after ${counted} datagram(s) the link lost (marked in the trace)`);
  }
  return found;
}
