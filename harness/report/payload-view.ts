// A message's payload as a person wants to read it: the LwM2M content decoded by its
// Content-Format (TLV, SenML, CBOR, link format…) into path/type/value nodes, and a hex dump.
// Responses carry no path: the request with the same token gives it.
import { contentFormat } from '../lwm2m/formats/index.ts';
import { describeDecodeError } from '../lwm2m/decode-error.ts';
import { coreModel, type ObjectModel } from '../lwm2m/model/index.ts';
import { toVectorNode } from '../lwm2m/node.ts';
import type { TraceEntry } from '../run/result.ts';

/** The payload's bytes: trace entries keep printable payloads as text and others as 0x-hex. */
export function payloadBytes(entry: TraceEntry): Buffer | undefined {
  if (entry.payload === undefined) return undefined;
  if (/^0x([0-9a-f]{2})+$/i.test(entry.payload)) return Buffer.from(entry.payload.slice(2), 'hex');
  return Buffer.from(entry.payload, 'utf8');
}

function option(entry: TraceEntry, name: string): string[] {
  return (entry.options ?? []).filter((o) => o.name === name).map((o) => o.value);
}

/** The path a message is about: its own Uri-Path, or for a response the path of the request with its token. */
export function requestPath(entry: TraceEntry, trace: readonly TraceEntry[]): string | undefined {
  const own = option(entry, 'UriPath');
  if (own.length) return `/${own.join('/')}`;
  const request = trace.find((t) => t.token === entry.token && t.direction !== entry.direction && t.code?.startsWith('0.') && t.code !== '0.00');
  const path = request ? option(request, 'UriPath') : [];
  return path.length ? `/${path.join('/')}` : undefined;
}

const textual = new Set([0, 40, 42]);

export interface DecodedPayload {
  format: string;
  /** Pretty JSON of the decoded nodes, or undefined when decoding failed. */
  text?: string;
  error?: string;
}

export function decodePayload(entry: TraceEntry, trace: readonly TraceEntry[], model: ObjectModel = coreModel()): DecodedPayload | undefined {
  const bytes = payloadBytes(entry);
  const [cf] = option(entry, 'ContentFormat');
  if (!bytes || cf === undefined) return undefined;
  const codec = contentFormat(Number(cf));
  // Text, opaque and link-format payloads already read as they are; decoding adds nothing.
  if (!codec || textual.has(codec.number)) return undefined;
  const path = requestPath(entry, trace);
  try {
    const result = codec.decode(bytes, { model, ...(path ? { path } : {}) });
    const format = `${codec.name} (${codec.number})`;
    if (!result.ok) return { format, error: describeDecodeError(result.error) };
    return { format, text: JSON.stringify(result.value.map(toVectorNode), null, 2) };
  } catch (error) {
    return { format: codec.name, error: (error as Error).message };
  }
}

/** Classic 16-bytes-a-line hex dump with offsets and printable characters. */
export function hexDump(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hexPart = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(4, '0')}  ${hexPart.padEnd(47)}  ${text}`);
  }
  return lines.join('\n');
}
