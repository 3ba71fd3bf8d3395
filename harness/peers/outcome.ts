// What a request a peer sends comes to: the response, anchored at its record in the trace, or
// why none came (a timeout, a reset, a closed socket). Every peer returns this one shape.
import type { CoapResponse } from '../coap/endpoint.ts';

export type Outcome = { response: CoapResponse; error?: undefined; seq?: number } | { response?: undefined; error: string; seq?: undefined };

/** A response that came, with the trace sequence number of the datagram that carried it. */
export function answered(response: CoapResponse): Outcome {
  return { response, seq: response.seq };
}

/** A request that got no response, and why. */
export function unanswered(error: unknown): Outcome {
  return { error: error instanceof Error ? error.message : String(error) };
}
