// The formats a driver's payload can be declared in (`payloadFormat`). Kept apart from the
// rendering (driver-payload.ts): reading a profile needs the names, not the LwM2M codecs.
export const payloadFormats = ['tlv', 'senml-json', 'senml-cbor', 'oma-json', 'text'] as const;
export type PayloadFormat = (typeof payloadFormats)[number];

/** What a driver renders when it declares no format: TLV, the format every LwM2M client reads. */
export const defaultPayloadFormat: PayloadFormat = 'tlv';
