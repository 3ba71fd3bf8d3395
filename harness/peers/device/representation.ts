// How the device answers a Read in a content format: the format negotiation of Core §6.3.1 and
// §7 (Accept honoured, 4.06 when the format cannot carry the answer) and the device's own choice
// when the server asks for none.
import { contentFormat } from '../../lwm2m/formats/index.ts';
import type { LwM2mNode } from '../../lwm2m/node.ts';
import type { ObjectModel } from '../../lwm2m/model/index.ts';
import { formatPath, type PathIds } from '../../lwm2m/path.ts';

export const TEXT = 0;
export const LINK_FORMAT = 40;
export const OPAQUE = 42;
export const CBOR = 60;
export const SENML_JSON = 110;
export const SENML_CBOR = 112;
export const TLV = 11542;
export const OMA_JSON = 11543;
export const LWM2M_CBOR = 11544;

/** Formats the device reads and writes. */
export const deviceFormats: ReadonlySet<number> = new Set([TEXT, OPAQUE, CBOR, SENML_JSON, SENML_CBOR, TLV, OMA_JSON, LWM2M_CBOR]);
const singleValueFormats: ReadonlySet<number> = new Set([TEXT, OPAQUE, CBOR]);

export type Encoded = { code: '2.05'; payload: Buffer; contentFormat: number } | { code: string; payload?: string };

export interface EncodeChoice {
  /** Format for multi-value answers when the request names none. */
  defaultFormat: number;
  model: ObjectModel;
  /** The request path names one value (a single resource or a resource instance). */
  singleValue: boolean;
}

/** Encodes read nodes for a path in the requested (or the device's default) format. */
export function encodeFor(nodes: readonly LwM2mNode[], ids: PathIds, accept: number | undefined, choice: EncodeChoice): Encoded {
  let format = accept;
  if (format === undefined) {
    if (choice.singleValue) format = nodes[0]?.type === 'opaque' ? OPAQUE : TEXT;
    else format = choice.defaultFormat;
  }
  if (!deviceFormats.has(format)) return { code: '4.06', payload: `Content-Format ${format} is not supported` };
  if (singleValueFormats.has(format) && !choice.singleValue) return { code: '4.06', payload: `Content-Format ${format} carries one value only` };
  if (format === OPAQUE && nodes[0]?.type !== 'opaque') return { code: '4.06', payload: 'opaque carries opaque resources only' };
  const codec = contentFormat(format)!;
  try {
    return { code: '2.05', payload: Buffer.from(codec.encode(nodes, { path: formatPath(ids), model: choice.model })), contentFormat: format };
  } catch (error) {
    return { code: '4.06', payload: `cannot encode in ${codec.name}: ${(error as Error).message}` };
  }
}

/** Encodes nodes for a composite answer, notification or Send (SenML only). */
export function encodeComposite(nodes: readonly LwM2mNode[], format: number, model: ObjectModel): Buffer {
  return Buffer.from(contentFormat(format)!.encode(nodes, { model }));
}
