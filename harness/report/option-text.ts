// CoAP options as people name them: "Content-Format: 50 (application/json)", "Block2: 2/1/64",
// "ETag: 0x1f2e". Repeated options (Uri-Path, Uri-Query, Location-Path) are shown as one.
import type { CoapOption } from '../coap/message.ts';
import { decodeBlock, decodeUint } from '../coap/options.ts';
import { contentFormat } from '../lwm2m/formats/index.ts';

const optionNames: Record<number, string> = {
  1: 'If-Match', 3: 'Uri-Host', 4: 'ETag', 5: 'If-None-Match', 6: 'Observe', 7: 'Uri-Port',
  8: 'Location-Path', 9: 'OSCORE', 11: 'Uri-Path', 12: 'Content-Format', 14: 'Max-Age',
  15: 'Uri-Query', 17: 'Accept', 20: 'Location-Query', 23: 'Block2', 27: 'Block1', 28: 'Size2',
  35: 'Proxy-Uri', 39: 'Proxy-Scheme', 60: 'Size1', 258: 'No-Response',
};

// Content-Formats outside the LwM2M codecs that devices send by mistake or for other purposes
// (IANA CoAP Content-Formats registry).
const otherMediaTypes: Record<number, string> = {
  41: 'application/xml', 47: 'application/exi', 50: 'application/json', 51: 'application/json-patch+json',
  52: 'application/merge-patch+json', 61: 'application/cwt', 111: 'application/sensml+json',
  113: 'application/sensml+cbor', 114: 'application/senml-exi', 310: 'application/senml+xml',
  320: 'application/senml-etch+json', 322: 'application/senml-etch+cbor',
};

/** A Content-Format number with its media type: "50 (application/json)", "11542 (application/vnd.oma.lwm2m+tlv)". */
export function contentFormatText(number: number): string {
  const media = contentFormat(number)?.mediaType ?? otherMediaTypes[number];
  return media ? `${number} (${media})` : `${number} (unregistered)`;
}

/** The media type of a Content-Format number, when known. */
export function mediaTypeOf(number: number): string | undefined {
  return contentFormat(number)?.mediaType ?? otherMediaTypes[number];
}

const hex = (value: Buffer) => (value.length ? `0x${value.toString('hex')}` : '(empty)');

function valueText(number: number, values: Buffer[]): string {
  const texts = values.map((v) => v.toString('utf8'));
  switch (number) {
    case 8:
    case 11:
      return `/${texts.join('/')}`;
    case 15:
    case 20:
      return texts.join('&');
    case 3:
    case 35:
    case 39:
      return texts.join(', ');
    case 1:
    case 4:
    case 9:
      return values.map(hex).join(', ');
    case 5:
      return '(set)';
    case 12:
    case 17:
      return values.map((v) => contentFormatText(decodeUint(v) ?? -1)).join(', ');
    case 23:
    case 27:
      return values
        .map((v) => {
          const block = decodeBlock(v);
          return block ? `${block.num}/${block.more ? 1 : 0}/${block.size} (NUM/M/size)` : `invalid ${hex(v)}`;
        })
        .join(', ');
    default:
      return values.map((v) => (v.length <= 4 ? String(decodeUint(v)) : hex(v))).join(', ');
  }
}

/** One name and value per option kind, in wire order. */
export function namedOptions(options: readonly CoapOption[]): { name: string; value: string }[] {
  const byNumber = new Map<number, Buffer[]>();
  for (const o of options) byNumber.set(o.number, [...(byNumber.get(o.number) ?? []), o.value]);
  return [...byNumber].map(([number, values]) => ({ name: optionNames[number] ?? `Option ${number}`, value: valueText(number, values) }));
}

/** One "Name: value" per option kind, in wire order. */
export function optionLines(options: readonly CoapOption[]): string[] {
  return namedOptions(options).map((o) => `${o.name}: ${o.value}`);
}
