// The content-format table: by CoAP content-format number and by name, with decode and encode.
// Legacy pre-IANA numbers 1541/1542/1543 (text, TLV, JSON) are accepted on input.
// SenML-ETCH (320/322, RFC 8790) is out of scope: composite write bodies are not decoded here.

import { fromUtf8, utf8 } from '../bytes.ts';
import { fail, ok, type DecodeResult } from '../decode-error.ts';
import type { LwM2mNode } from '../node.ts';
import { cborCodec } from './cbor.ts';
import { EncodeError, type ContentFormatCodec, type DecodeContext } from './codec.ts';
import { decodeLinkFormat, encodeLinkFormat } from './link-format.ts';
import { isCanonicalLinkFormat } from './link-format-canonical.ts';
import { lwm2mCborCodec } from './lwm2m-cbor.ts';
import { omaJsonCodec } from './oma-json.ts';
import { opaqueCodec } from './opaque.ts';
import { plainTextCodec } from './plain-text.ts';
import { senmlCborCodec } from './senml-cbor.ts';
import { senmlJsonCodec } from './senml-json.ts';
import { tlvCodec } from './tlv.ts';

/** Link format as a codec: the payload becomes one corelnk node holding the canonical text. */
export const linkFormatCodec: ContentFormatCodec = {
  number: 40,
  name: 'link-format',
  mediaType: 'application/link-format',
  decode(payload: Uint8Array, context?: DecodeContext): DecodeResult<LwM2mNode[]> {
    const text = fromUtf8(payload);
    if (text === undefined) return fail('link-format', 'payload is not valid UTF-8', { offset: 0 });
    // Canonical text (what peers usually send) is its own canonical form: no links to build.
    if (isCanonicalLinkFormat(text)) return ok([{ path: context?.path ?? '/', type: 'corelnk', value: text }]);
    const links = decodeLinkFormat(text);
    if (!links.ok) return links;
    return ok([{ path: context?.path ?? '/', type: 'corelnk', value: encodeLinkFormat(links.value) }]);
  },
  encode(nodes: readonly LwM2mNode[]): Uint8Array {
    const node = nodes[0];
    if (nodes.length !== 1 || !node || node.type !== 'corelnk') throw new EncodeError('link-format', 'needs exactly one corelnk node');
    return utf8(node.value as string);
  },
};

export const CODECS: readonly ContentFormatCodec[] = [
  plainTextCodec,
  linkFormatCodec,
  opaqueCodec,
  cborCodec,
  senmlJsonCodec,
  senmlCborCodec,
  tlvCodec,
  omaJsonCodec,
  lwm2mCborCodec,
];

/** Pre-IANA numbers seen in the wild (Leshan, Zephyr), accepted on input only. */
const LEGACY: ReadonlyMap<number, number> = new Map([
  [1541, 0],
  [1542, 11542],
  [1543, 11543],
]);

const ALIASES: ReadonlyMap<string, string> = new Map([
  ['plain', 'text'],
  ['text/plain', 'text'],
  ['json', 'oma-json'],
  ['lwm2m-json', 'oma-json'],
  ['link', 'link-format'],
  ['senml+json', 'senml-json'],
  ['senml+cbor', 'senml-cbor'],
  ['octet-stream', 'opaque'],
]);

/** A codec by number (also legacy), name, alias or media type; undefined when unknown. */
export function contentFormat(id: number | string): ContentFormatCodec | undefined {
  if (typeof id === 'number' || /^\d+$/.test(id)) {
    const n = Number(id);
    const number = LEGACY.get(n) ?? n;
    return CODECS.find((c) => c.number === number);
  }
  const name = id.toLowerCase();
  const canonical = ALIASES.get(name) ?? name;
  return CODECS.find((c) => c.name === canonical || c.mediaType.split(';')[0] === canonical);
}

export function contentFormatNames(): string[] {
  return CODECS.map((c) => `${c.number} ${c.name}`);
}

/** Formats whose payloads are text (text/plain, link format, SenML JSON, OMA JSON): shown and typed as text, the others as hex. */
export function isTextFormat(number: number): boolean {
  return number === 0 || number === 40 || number === 110 || number === 11543;
}
