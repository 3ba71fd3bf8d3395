// A payload as a few lines of text: decoded by its Content-Format through the LwM2M codecs into
// "path type value" lines, text and link format as they read, anything else as hex. JSON under
// a Content-Format that is not an LwM2M one (50, application/json, is a common slip) is read as
// the LwM2M JSON it most likely is, so the values it holds are seen all the same.
import { describeDecodeError } from '../lwm2m/decode-error.ts';
import type { ContentFormatCodec } from '../lwm2m/formats/codec.ts';
import { contentFormat } from '../lwm2m/formats/index.ts';
import type { ObjectModel } from '../lwm2m/model/index.ts';
import { valueToJson, type LwM2mNode } from '../lwm2m/node.ts';
import { mediaTypeOf } from './option-text.ts';

const printable = /^[\t\n\r\x20-\x7e]*$/;
const valueWidth = 60;
const hexBytes = 32;

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width)}… (${text.length - width} more characters)`;
}

function hexLine(bytes: Buffer): string {
  const shown = bytes.subarray(0, hexBytes).toString('hex');
  return bytes.length > hexBytes ? `${shown}… (${bytes.length - hexBytes} more bytes)` : shown;
}

function nodeLine(node: LwM2mNode): string {
  if (node.type === 'instance' || node.type === 'multiple') return `${node.path} (${node.type === 'instance' ? 'object instance' : 'multiple resource'})`;
  const time = node.time !== undefined ? ` at ${node.time}` : '';
  return `${node.path} ${node.type} ${clip(JSON.stringify(valueToJson(node.type, node.value)), valueWidth)}${time}`;
}

function decodeWith(codec: ContentFormatCodec, bytes: Buffer, path: string | undefined, model: ObjectModel) {
  try {
    return codec.decode(bytes, { model, ...(path ? { path } : {}) });
  } catch (error) {
    return { ok: false as const, error: (error as Error).message };
  }
}

function asText(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return printable.test(text) ? text : undefined;
}

function raw(bytes: Buffer): string {
  const text = asText(bytes);
  return text !== undefined ? clip(JSON.stringify(text), valueWidth * 2) : `hex ${hexLine(bytes)}`;
}

const lwm2mJsonCodecs = [110, 11543].map((n) => contentFormat(n)!);

/** The payload as lines: a heading ("payload (TLV, 12 bytes):") and the values, at most `maxLines` of them. */
export function payloadLines(bytes: Buffer, format: number | undefined, path: string | undefined, model: ObjectModel): string[] {
  const size = `${bytes.length} byte${bytes.length === 1 ? '' : 's'}`;
  if (format === undefined) return [`payload (${size}, no Content-Format): ${raw(bytes)}`];
  const codec = contentFormat(format);
  if (codec?.number === 0) return [`payload (text, ${size}): ${raw(bytes)}`];
  if (codec?.number === 40) return [`payload (link-format, ${size}): ${asText(bytes) !== undefined ? clip(asText(bytes)!, valueWidth * 2) : raw(bytes)}`];
  if (codec?.number === 42) return [`payload (opaque, ${size}): hex ${hexLine(bytes)}`];
  if (codec) {
    const result = decodeWith(codec, bytes, path, model);
    if (!result.ok) {
      const why = typeof result.error === 'string' ? result.error : describeDecodeError(result.error);
      return [`payload (${codec.name}, ${size}): not valid ${codec.name}: ${why}`, `  ${raw(bytes)}`];
    }
    return [`payload (${codec.name}, ${size}):`, ...result.value.map((n) => `  ${nodeLine(n)}`)];
  }
  const media = mediaTypeOf(format) ?? `Content-Format ${format}`;
  if (/json/.test(media)) {
    for (const json of lwm2mJsonCodecs) {
      const result = decodeWith(json, bytes, path, model);
      if (result.ok) return [`payload (${media}, ${size}), which reads as ${json.name}:`, ...result.value.map((n) => `  ${nodeLine(n)}`)];
    }
  }
  return [`payload (${media}, ${size}): ${raw(bytes)}`];
}
