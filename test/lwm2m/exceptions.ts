// The one table of shared vectors this project deliberately does not follow: each entry names the
// vector, why, and the OMA TS (or RFC) section that the project follows instead.

export interface VectorException {
  /** Vector file family: 'tlv', 'senml-json', 'link-format', 'spec-examples', ... */
  readonly suite: string;
  readonly id: string;
  readonly reason: string;
  readonly ts: string;
}

export const VECTOR_EXCEPTIONS: readonly VectorException[] = [
  {
    suite: 'senml-json',
    id: 'senml-leshan-dec-timestamped-resource',
    reason: "payload ends with '],' (a trailing comma after the array); Leshan's parser accepts it, but it is not JSON, so the decoder rejects it",
    ts: 'Core §7.4.4 (SenML JSON per RFC 8428 §5, which requires RFC 8259 JSON)',
  },
];

export function exceptionFor(suite: string, id: string): VectorException | undefined {
  return VECTOR_EXCEPTIONS.find((e) => e.suite === suite && e.id === id);
}

/**
 * Vectors of spec-examples.json that test something other than content formats (MQTT transport,
 * CoAP framing, request URIs, profile ids): they belong to other layers' tests.
 */
export const OUT_OF_SCOPE_SHAPES: ReadonlyMap<string, string> = new Map([
  ['mqtt', 'LwM2M over MQTT messages (Transport §8), not a content format'],
  ['coap', 'CoAP message framing, tested with the CoAP layer'],
  ['request', 'request URI and query parsing, tested with the registration interface'],
  ['profile_ids', 'OSCORE/profile id query values, not a content format'],
]);
