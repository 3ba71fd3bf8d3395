// The CoAP wire model: a message as the harness sees it, its encoding and a total decoder
// (every datagram yields a message or a reason, never an exception), plus option accessors.
// Framing is done by coap-packet; this module adds the RFC 7252 format checks it skips.
import * as coapPacket from 'coap-packet';
import { OptionNumber, decodeBlock, decodeUint } from './options.ts';
import type { BlockOption } from './options.ts';

export { OptionNumber } from './options.ts';

export type CoapType = 'CON' | 'NON' | 'ACK' | 'RST';

export interface CoapOption {
  number: number;
  value: Buffer;
}

export interface CoapMessage {
  type: CoapType;
  /** 'c.dd', e.g. '0.01' (GET), '2.05' (Content), '0.00' (empty). */
  code: string;
  messageId: number;
  token: Buffer;
  /** In wire order (ascending number; repeated options keep their relative order). */
  options: CoapOption[];
  payload: Buffer;
}

export type DecodeResult = { ok: true; message: CoapMessage } | { ok: false; reason: string };

// coap-packet reports known options by name; map them back to numbers.
const numberByPacketName: Record<string, number> = {
  'If-Match': 1, 'Uri-Host': 3, ETag: 4, 'If-None-Match': 5, Observe: 6, 'Uri-Port': 7,
  'Location-Path': 8, OSCORE: 9, 'Uri-Path': 11, 'Content-Format': 12, 'Max-Age': 14,
  'Uri-Query': 15, 'Hop-Limit': 16, Accept: 17, 'Q-Block1': 19, 'Location-Query': 20,
  Block2: 23, Block1: 27, Size2: 28, 'Q-Block2': 31, 'Proxy-Uri': 35, 'Proxy-Scheme': 39,
  Size1: 60, 'No-Response': 258, 'OCF-Accept-Content-Format-Version': 2049,
  'OCF-Content-Format-Version': 2053,
};

const typeBits: Record<CoapType, number> = { CON: 0, NON: 1, ACK: 2, RST: 3 };
const typeOfBits: CoapType[] = ['CON', 'NON', 'ACK', 'RST'];

/** Parses 'c.dd' into its numeric byte, or undefined when malformed. */
export function codeByte(code: string): number | undefined {
  const m = /^([0-7])\.(\d\d)$/.exec(code);
  if (!m) return undefined;
  const detail = Number(m[2]);
  if (detail > 31) return undefined;
  return (Number(m[1]) << 5) | detail;
}

export function codeClass(code: string): number {
  return Number(code.charAt(0));
}

export function encodeMessage(m: CoapMessage): Buffer {
  const byte = codeByte(m.code);
  if (byte === undefined) throw new RangeError(`invalid CoAP code: ${m.code}`);
  if (!Number.isInteger(m.messageId) || m.messageId < 0 || m.messageId > 0xffff) {
    throw new RangeError(`invalid message ID: ${m.messageId}`);
  }
  if (m.token.length > 8) throw new RangeError(`token longer than 8 bytes: ${m.token.length}`);
  // coap-packet sorts options in place (stable) and fills defaults: give it copies.
  return coapPacket.generate(
    {
      code: m.code,
      messageId: m.messageId,
      token: Buffer.from(m.token),
      options: m.options.map((o) => ({ name: String(o.number), value: o.value })),
      payload: m.payload,
      confirmable: m.type === 'CON',
      ack: m.type === 'ACK',
      reset: m.type === 'RST',
    },
    0x7fffffff,
  );
}

/** RFC 7252 §3 structure checks that coap-packet does not make; returns a reason or undefined. */
function formatError(bytes: Buffer): string | undefined {
  if (bytes.length < 4) return `datagram of ${bytes.length} bytes is shorter than the 4-byte header`;
  const first = bytes[0]!;
  if (first >> 6 !== 1) return `unsupported version ${first >> 6}`;
  const tkl = first & 0x0f;
  if (tkl > 8) return `token length ${tkl} is reserved`;
  if (bytes[1] === 0 && bytes.length !== 4) return 'empty message (code 0.00) carries token, options or payload';
  let i = 4 + tkl;
  if (i > bytes.length) return 'datagram ends inside the token';
  let number = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0xff) {
      if (i + 1 === bytes.length) return 'payload marker followed by an empty payload';
      return undefined;
    }
    i += 1;
    let delta = b >> 4;
    let length = b & 0x0f;
    if (delta === 15) return 'option delta 15 is reserved';
    if (length === 15) return 'option length 15 is reserved';
    if (delta === 13) {
      if (i + 1 > bytes.length) return 'datagram ends inside an option delta';
      delta = bytes[i]! + 13;
      i += 1;
    } else if (delta === 14) {
      if (i + 2 > bytes.length) return 'datagram ends inside an option delta';
      delta = bytes.readUInt16BE(i) + 269;
      i += 2;
    }
    if (length === 13) {
      if (i + 1 > bytes.length) return 'datagram ends inside an option length';
      length = bytes[i]! + 13;
      i += 1;
    } else if (length === 14) {
      if (i + 2 > bytes.length) return 'datagram ends inside an option length';
      length = bytes.readUInt16BE(i) + 269;
      i += 2;
    }
    number += delta;
    if (number > 0xffff) return `option number ${number} exceeds 65535`;
    if (i + length > bytes.length) return `value of option ${number} runs past the end of the datagram`;
    i += length;
  }
  return undefined;
}

export function decodeMessage(bytes: Buffer): DecodeResult {
  try {
    const problem = formatError(bytes);
    if (problem !== undefined) return { ok: false, reason: problem };
    const parsed = coapPacket.parse(bytes);
    const type = typeOfBits[(bytes[0]! >> 4) & 0x3]!;
    const options: CoapOption[] = parsed.options.map((o) => ({
      number: typeof o.name === 'number' ? o.name : (numberByPacketName[o.name] ?? Number(o.name)),
      value: Buffer.from(o.value),
    }));
    if (options.some((o) => !Number.isInteger(o.number))) return { ok: false, reason: 'unreadable option number' };
    return {
      ok: true,
      message: {
        type,
        code: parsed.code,
        messageId: parsed.messageId,
        token: Buffer.from(parsed.token),
        options,
        payload: Buffer.from(parsed.payload),
      },
    };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

// ---- option accessors -------------------------------------------------------------------

export function optionValues(m: CoapMessage, number: number): Buffer[] {
  return m.options.filter((o) => o.number === number).map((o) => o.value);
}

export function optionValue(m: CoapMessage, number: number): Buffer | undefined {
  return m.options.find((o) => o.number === number)?.value;
}

function uintOption(m: CoapMessage, number: number): number | undefined {
  const v = optionValue(m, number);
  return v === undefined ? undefined : decodeUint(v);
}

function joinPath(segments: Buffer[]): string {
  return '/' + segments.map((s) => s.toString('utf8')).join('/');
}

/** '/rd/5a3f'; '/' when the message has no Uri-Path. */
export function uriPath(m: CoapMessage): string {
  return joinPath(optionValues(m, OptionNumber.UriPath));
}

export function uriQuery(m: CoapMessage): string[] {
  return optionValues(m, OptionNumber.UriQuery).map((v) => v.toString('utf8'));
}

/** '/rd/5a3f'; '' when the message has no Location-Path. */
export function locationPath(m: CoapMessage): string {
  const segments = optionValues(m, OptionNumber.LocationPath);
  return segments.length === 0 ? '' : joinPath(segments);
}

export function contentFormat(m: CoapMessage): number | undefined {
  return uintOption(m, OptionNumber.ContentFormat);
}

export function accept(m: CoapMessage): number | undefined {
  return uintOption(m, OptionNumber.Accept);
}

export function observe(m: CoapMessage): number | undefined {
  return uintOption(m, OptionNumber.Observe);
}

export function size1(m: CoapMessage): number | undefined {
  return uintOption(m, OptionNumber.Size1);
}

export function size2(m: CoapMessage): number | undefined {
  return uintOption(m, OptionNumber.Size2);
}

export function block1(m: CoapMessage): BlockOption | undefined {
  const v = optionValue(m, OptionNumber.Block1);
  return v === undefined ? undefined : decodeBlock(v);
}

export function block2(m: CoapMessage): BlockOption | undefined {
  const v = optionValue(m, OptionNumber.Block2);
  return v === undefined ? undefined : decodeBlock(v);
}

/** Splits '/a/b' (or 'a/b') into Uri-Path style segments; '/' and '' give none. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

// ---- codes --------------------------------------------------------------------------------

const codeNames: Record<string, string> = {
  '0.00': 'Empty', '0.01': 'GET', '0.02': 'POST', '0.03': 'PUT', '0.04': 'DELETE',
  '0.05': 'FETCH', '0.06': 'PATCH', '0.07': 'iPATCH',
  '2.01': 'Created', '2.02': 'Deleted', '2.03': 'Valid', '2.04': 'Changed', '2.05': 'Content',
  '2.31': 'Continue',
  '4.00': 'Bad Request', '4.01': 'Unauthorized', '4.02': 'Bad Option', '4.03': 'Forbidden',
  '4.04': 'Not Found', '4.05': 'Method Not Allowed', '4.06': 'Not Acceptable',
  '4.08': 'Request Entity Incomplete', '4.09': 'Conflict', '4.12': 'Precondition Failed',
  '4.13': 'Request Entity Too Large', '4.15': 'Unsupported Content-Format',
  '4.22': 'Unprocessable Entity', '4.29': 'Too Many Requests',
  '5.00': 'Internal Server Error', '5.01': 'Not Implemented', '5.02': 'Bad Gateway',
  '5.03': 'Service Unavailable', '5.04': 'Gateway Timeout', '5.05': 'Proxying Not Supported',
};

/** codeName('2.05') → 'Content'; unknown codes give the code itself. */
export function codeName(code: string): string {
  return codeNames[code] ?? code;
}

export type CoapMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'FETCH' | 'PATCH' | 'iPATCH';

const methodCodes: Record<CoapMethod, string> = {
  GET: '0.01', POST: '0.02', PUT: '0.03', DELETE: '0.04', FETCH: '0.05', PATCH: '0.06', iPATCH: '0.07',
};

export function methodCode(method: CoapMethod): string {
  return methodCodes[method];
}

export function methodOfCode(code: string): CoapMethod | undefined {
  for (const [method, c] of Object.entries(methodCodes)) if (c === code) return method as CoapMethod;
  return undefined;
}

/** One line for logs and error messages: 'CON 0.01 GET mid=12 token=ab12 /rd?ep=x'. */
export function describeMessage(m: CoapMessage): string {
  const q = uriQuery(m);
  const path = optionValues(m, OptionNumber.UriPath).length > 0 ? uriPath(m) : '';
  return `${m.type} ${m.code} ${codeName(m.code)} mid=${m.messageId} token=${m.token.toString('hex')}` +
    (path ? ` ${path}` : '') + (q.length ? `?${q.join('&')}` : '');
}
