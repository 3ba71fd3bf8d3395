// Payloads a case hands a driver as LwM2M nodes, rendered in the format the driver declares
// (`payloadFormat`): text formats as text, binary ones as hex. A case says what to send; the
// profile says how its target's console or API takes it.
import { contentFormat, isTextFormat } from '../lwm2m/formats/index.ts';
import { coreModel } from '../lwm2m/model/index.ts';
import type { LwM2mNode } from '../lwm2m/node.ts';
import type { PlaceholderValues } from './placeholders.ts';
import type { PayloadFormat } from './payload-formats.ts';

export { defaultPayloadFormat, payloadFormats, type PayloadFormat } from './payload-formats.ts';

/** Values as LwM2M nodes, and the request path they are encoded against (e.g. '/3303' for a Create). */
export interface DriverPayload {
  readonly nodes: readonly LwM2mNode[];
  readonly path: string;
}

/** What a case passes a driver: plain placeholder values, and payloads as nodes. */
export type DriverValues = Readonly<Record<string, string | DriverPayload>>;

/**
 * The placeholders a payload named `name` gives a driver in `format`: {name} (text, or hex for
 * binary formats), {name.hex} and {name.format} (the content-format number).
 */
export function renderPayload(name: string, payload: DriverPayload, format: PayloadFormat): PlaceholderValues {
  const codec = contentFormat(format)!;
  // TLV floats in their shortest exact width, as most clients write them.
  const bytes = Buffer.from(codec.encode(payload.nodes, { path: payload.path, model: coreModel(), floatWidth: 'shortest' }));
  return {
    [name]: isTextFormat(codec.number) ? bytes.toString('utf8') : bytes.toString('hex'),
    [`${name}.hex`]: bytes.toString('hex'),
    [`${name}.format`]: String(codec.number),
  };
}

/** Splits a case's values into plain placeholders and payloads. */
export function splitValues(values: DriverValues): { placeholders: Record<string, string>; payloads: Record<string, DriverPayload> } {
  const placeholders: Record<string, string> = {};
  const payloads: Record<string, DriverPayload> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') placeholders[name] = value;
    else payloads[name] = value;
  }
  return { placeholders, payloads };
}
