// Per-endpoint CoAP transmission parameters (RFC 7252 §4.8) and the timing derived from them.
// Never process-global: each endpoint resolves its own set, so tests can use short timers.
import type { BlockSize } from './options.ts';

export interface TransmissionParams {
  ackTimeoutMs: number;
  ackRandomFactor: number;
  maxRetransmit: number;
  /** Outstanding interactions per peer for requests this endpoint sends. */
  nstart: number;
  exchangeLifetimeMs: number;
  nonLifetimeMs: number;
  /** A handler slower than this gets an empty ACK first, then a separate CON response. */
  piggybackWindowMs: number;
  blockSize: BlockSize;
}

export const rfc7252Defaults: TransmissionParams = Object.freeze({
  ackTimeoutMs: 2000,
  ackRandomFactor: 1.5,
  maxRetransmit: 4,
  nstart: 1,
  exchangeLifetimeMs: 247_000,
  nonLifetimeMs: 145_000,
  piggybackWindowMs: 500,
  blockSize: 1024,
});

const blockSizes = [16, 32, 64, 128, 256, 512, 1024];

export function resolveParams(overrides: Partial<TransmissionParams> = {}): TransmissionParams {
  const p: TransmissionParams = { ...rfc7252Defaults };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (p as unknown as Record<string, unknown>)[k] = v;
  if (!(p.ackTimeoutMs > 0)) throw new RangeError('ackTimeoutMs must be > 0');
  if (!(p.ackRandomFactor >= 1)) throw new RangeError('ackRandomFactor must be >= 1');
  if (!(Number.isInteger(p.maxRetransmit) && p.maxRetransmit >= 0)) throw new RangeError('maxRetransmit must be an integer >= 0');
  if (!(Number.isInteger(p.nstart) && p.nstart >= 1)) throw new RangeError('nstart must be an integer >= 1');
  if (!(p.exchangeLifetimeMs > 0 && p.nonLifetimeMs > 0)) throw new RangeError('lifetimes must be > 0');
  if (!(p.piggybackWindowMs >= 0)) throw new RangeError('piggybackWindowMs must be >= 0');
  if (!blockSizes.includes(p.blockSize)) throw new RangeError(`blockSize must be one of ${blockSizes.join(', ')}`);
  return p;
}

/** First retransmission timeout: random in [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR]. */
export function initialTimeoutMs(p: TransmissionParams, random: () => number = Math.random): number {
  return p.ackTimeoutMs * (1 + random() * (p.ackRandomFactor - 1));
}

/** MAX_TRANSMIT_WAIT: longest time from first transmission to giving up on an ACK. */
export function maxTransmitWaitMs(p: TransmissionParams): number {
  return p.ackTimeoutMs * (2 ** (p.maxRetransmit + 1) - 1) * p.ackRandomFactor;
}
