// Shared helpers for the CoAP endpoint tests: short transmission timers, endpoint lifecycle,
// and waiting on predicates with deadlines instead of fixed sleeps.
import { afterEach } from 'vitest';
import { CoapEndpoint } from '../../harness/coap/endpoint.ts';
import type { BindOptions } from '../../harness/coap/endpoint.ts';
import type { TransmissionParams } from '../../harness/coap/transmission.ts';

export const fastParams: Partial<TransmissionParams> = {
  ackTimeoutMs: 100,
  ackRandomFactor: 1.5,
  maxRetransmit: 3,
  exchangeLifetimeMs: 3000,
  nonLifetimeMs: 2000,
  piggybackWindowMs: 100,
};

const opened: CoapEndpoint[] = [];

/** Binds an endpoint that is closed after the current test. */
export async function bindEndpoint(opts: BindOptions = {}): Promise<CoapEndpoint> {
  const ep = await CoapEndpoint.bind({ ...opts, params: { ...fastParams, ...opts.params } });
  opened.push(ep);
  return ep;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((ep) => ep.close()));
});

/** Polls `predicate` until true; throws with `what` after timeoutMs. */
export async function waitUntil(predicate: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
