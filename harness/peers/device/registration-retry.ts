// When a device tries again after a failed Register (Core 1.1 §6.2.1.1, Server object 1.1):
// a communication sequence is Communication Retry Count (/1/x/17) attempts, the n-th retry after
// Communication Retry Timer (/1/x/18) × 2^(n-1) s; a failed sequence is followed by the next after
// Communication Sequence Delay Timer (/1/x/19) × 2^(m-1) s, up to Communication Sequence Retry
// Count (/1/x/20) sequences. Then the registration has failed, and with Bootstrap on Registration
// Failure (/1/x/16, default true) the device bootstraps.
//
// Absent resources take the specification's counts (5 attempts, 1 sequence) and timers scaled
// to the device's CoAP ACK_TIMEOUT (the retry timer is ACK_TIMEOUT, the sequence delay
// 15 × ACK_TIMEOUT) instead of 60 s and 86400 s, so that a test run does not wait for hours.
import type { ObjectStore } from './object-store.ts';

export interface RetryPolicy {
  readonly retryCount: number;
  readonly retryTimerMs: number;
  readonly sequenceDelayMs: number;
  readonly sequenceRetryCount: number;
  readonly bootstrapOnFailure: boolean;
}

export function retryPolicyOf(store: ObjectStore, serverInstance: number, ackTimeoutMs: number): RetryPolicy {
  const number = (r: number, fallback: number) => {
    const v = store.value(1, serverInstance, r);
    return typeof v === 'number' && v >= 0 ? v : fallback;
  };
  return {
    retryCount: Math.max(1, number(17, 5)),
    retryTimerMs: number(18, ackTimeoutMs / 1000) * 1000,
    sequenceDelayMs: number(19, (15 * ackTimeoutMs) / 1000) * 1000,
    sequenceRetryCount: Math.max(1, number(20, 1)),
    bootstrapOnFailure: store.value(1, serverInstance, 16) !== false,
  };
}

/** Where a device stands in its registration attempts. */
export interface RetryState {
  /** Failed attempts in the current sequence. */
  attempts: number;
  /** Failed sequences. */
  sequences: number;
}

/** After a failed attempt: wait this long and try again, or the registration has failed. */
export function afterFailedAttempt(state: RetryState, policy: RetryPolicy): { retryInMs: number } | 'failed' {
  state.attempts++;
  if (state.attempts < policy.retryCount) return { retryInMs: policy.retryTimerMs * 2 ** (state.attempts - 1) };
  state.attempts = 0;
  state.sequences++;
  if (state.sequences < policy.sequenceRetryCount) return { retryInMs: policy.sequenceDelayMs * 2 ** (state.sequences - 1) };
  state.sequences = 0;
  return 'failed';
}
