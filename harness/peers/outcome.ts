// What a request a peer sends comes to: the response, anchored at its record in the trace, or
// why none came (a timeout, a reset, a closed socket). Every peer returns this one shape.
import type { CoapResponse } from '../coap/endpoint.ts';
import { CoapTimeoutError } from '../coap/errors.ts';

export type Outcome =
  | { response: CoapResponse; error?: undefined; seq?: number; exhausted?: undefined }
  /** `exhausted`: the request was sent that many times with neither ACK nor response. */
  | { response?: undefined; error: string; seq?: undefined; exhausted?: { request: string; transmissions: number } };

/** A response that came, with the trace sequence number of the datagram that carried it. */
export function answered(response: CoapResponse): Outcome {
  return { response, seq: response.seq };
}

/** A request that got no response, and why. */
export function unanswered(error: unknown): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CoapTimeoutError && error.kind === 'ack' && error.transmissions !== undefined) {
    return { error: message, exhausted: { request: error.request, transmissions: error.transmissions } };
  }
  return { error: message };
}
