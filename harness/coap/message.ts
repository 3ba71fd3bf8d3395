// The CoAP wire model: a message as the harness sees it, its encoding and a total decoder
// (every datagram yields a message or a reason, never an exception), plus option accessors.
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

const typeBits: Record<CoapType, number> = { CON: 0, NON: 1, ACK: 2, RST: 3 };
const typeOfBits: CoapType[] = ['CON', 'NON', 'ACK', 'RST'];

/** Header fields as text ('2.05'), by code byte. */
const codeText: string[] = Array.from({ length: 256 }, (_, b) => `${b >> 5}.${String(b & 31).padStart(2, '0')}`);
const codeBytes = new Map(codeText.map((text, byte) => [text, byte]));

/** Parses 'c.dd' into its numeric byte, or undefined when malformed. */
export function codeByte(code: string): number | undefined {
  return codeBytes.get(code);
}

export function codeClass(code: string): number {
  return Number(code.charAt(0));
}

const EMPTY = Buffer.alloc(0);

/** How an option delta or length is written (RFC 7252 §3.1): the 4-bit nibble, and the bytes that extend it. */
function nibble(n: number): number {
  return n < 13 ? n : n < 269 ? 13 : 14;
}
function extensionBytes(n: number): number {
  return n < 13 ? 0 : n < 269 ? 1 : 2;
}
function writeExtension(out: Buffer, at: number, n: number): number {
  if (n >= 269) {
    out.writeUInt16BE(n - 269, at);
    return at + 2;
  }
  if (n >= 13) out[at++] = n - 13;
  return at;
}

function isSorted(options: readonly CoapOption[]): boolean {
  for (let i = 1; i < options.length; i++) if (options[i]!.number < options[i - 1]!.number) return false;
  return true;
}

/**
 * Encodes a message as RFC 7252 §3 lays it out: options in ascending number (repeated ones in
 * their given order); an empty message (0.00) carries no payload. One pass into one buffer: a
 * server answering 10^4 requests a second spends its time here.
 */
export function encodeMessage(m: CoapMessage): Buffer {
  const byte = codeByte(m.code);
  if (byte === undefined) throw new RangeError(`invalid CoAP code: ${m.code}`);
  if (!Number.isInteger(m.messageId) || m.messageId < 0 || m.messageId > 0xffff) {
    throw new RangeError(`invalid message ID: ${m.messageId}`);
  }
  if (m.token.length > 8) throw new RangeError(`token longer than 8 bytes: ${m.token.length}`);
  const options = isSorted(m.options) ? m.options : [...m.options].sort((a, b) => a.number - b.number);
  const payload = byte === 0 ? EMPTY : m.payload;
  let length = 4 + m.token.length + (payload.length > 0 ? 1 + payload.length : 0);
  let previous = 0;
  for (const o of options) {
    if (!Number.isInteger(o.number) || o.number < 0 || o.number > 0xffff) throw new RangeError(`invalid option number: ${o.number}`);
    if (o.value.length > 0xffff + 269) throw new RangeError(`option ${o.number} is longer than 65804 bytes`);
    length += 1 + extensionBytes(o.number - previous) + extensionBytes(o.value.length) + o.value.length;
    previous = o.number;
  }
  const out = Buffer.allocUnsafe(length);
  out[0] = 0x40 | (typeBits[m.type] << 4) | m.token.length;
  out[1] = byte;
  out.writeUInt16BE(m.messageId, 2);
  let at = 4 + m.token.copy(out, 4);
  previous = 0;
  for (const o of options) {
    const delta = o.number - previous;
    out[at++] = (nibble(delta) << 4) | nibble(o.value.length);
    at = writeExtension(out, at, delta);
    at = writeExtension(out, at, o.value.length);
    at += o.value.copy(out, at);
    previous = o.number;
  }
  if (payload.length > 0) {
    out[at++] = 0xff;
    payload.copy(out, at);
  }
  return out;
}

/**
 * The message as encodeMessage lays it out (options in wire order, no payload on an empty
 * message): what decoding its bytes would give, without decoding them. A trace records this
 * of each message sent.
 */
export function asEncoded(m: CoapMessage): CoapMessage {
  const sorted = isSorted(m.options);
  const emptyWithPayload = codeByte(m.code) === 0 && m.payload.length > 0;
  if (sorted && !emptyWithPayload) return m;
  return { ...m, options: sorted ? m.options : [...m.options].sort((a, b) => a.number - b.number), payload: emptyWithPayload ? EMPTY : m.payload };
}

const fail = (reason: string): DecodeResult => ({ ok: false, reason });

/**
 * Decodes a datagram in one pass, with every RFC 7252 §3 format check; never throws. Token,
 * option values and payload are views of `bytes`, not copies.
 */
export function decodeMessage(bytes: Buffer): DecodeResult {
  if (bytes.length < 4) return fail(`datagram of ${bytes.length} bytes is shorter than the 4-byte header`);
  const first = bytes[0]!;
  if (first >> 6 !== 1) return fail(`unsupported version ${first >> 6}`);
  const tkl = first & 0x0f;
  if (tkl > 8) return fail(`token length ${tkl} is reserved`);
  if (bytes[1] === 0 && bytes.length !== 4) return fail('empty message (code 0.00) carries token, options or payload');
  let i = 4 + tkl;
  if (i > bytes.length) return fail('datagram ends inside the token');
  const options: CoapOption[] = [];
  let payload: Buffer = EMPTY;
  let number = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0xff) {
      if (i + 1 === bytes.length) return fail('payload marker followed by an empty payload');
      payload = bytes.subarray(i + 1);
      break;
    }
    i += 1;
    let delta = b >> 4;
    let length = b & 0x0f;
    if (delta === 15) return fail('option delta 15 is reserved');
    if (length === 15) return fail('option length 15 is reserved');
    if (delta === 13) {
      if (i + 1 > bytes.length) return fail('datagram ends inside an option delta');
      delta = bytes[i]! + 13;
      i += 1;
    } else if (delta === 14) {
      if (i + 2 > bytes.length) return fail('datagram ends inside an option delta');
      delta = bytes.readUInt16BE(i) + 269;
      i += 2;
    }
    if (length === 13) {
      if (i + 1 > bytes.length) return fail('datagram ends inside an option length');
      length = bytes[i]! + 13;
      i += 1;
    } else if (length === 14) {
      if (i + 2 > bytes.length) return fail('datagram ends inside an option length');
      length = bytes.readUInt16BE(i) + 269;
      i += 2;
    }
    number += delta;
    if (number > 0xffff) return fail(`option number ${number} exceeds 65535`);
    if (i + length > bytes.length) return fail(`value of option ${number} runs past the end of the datagram`);
    options.push({ number, value: bytes.subarray(i, i + length) });
    i += length;
  }
  return {
    ok: true,
    message: {
      type: typeOfBits[(first >> 4) & 0x3]!,
      code: codeText[bytes[1]!]!,
      messageId: bytes.readUInt16BE(2),
      token: bytes.subarray(4, 4 + tkl),
      options,
      payload,
    },
  };
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
  let path = '';
  for (const o of m.options) if (o.number === OptionNumber.UriPath) path += `/${o.value.toString('utf8')}`;
  return path === '' ? '/' : path;
}

export function uriQuery(m: CoapMessage): string[] {
  const query: string[] = [];
  for (const o of m.options) if (o.number === OptionNumber.UriQuery) query.push(o.value.toString('utf8'));
  return query;
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

const methodsByCode = new Map(Object.entries(methodCodes).map(([method, code]) => [code, method as CoapMethod]));

export function methodOfCode(code: string): CoapMethod | undefined {
  return methodsByCode.get(code);
}

/** One line for logs and error messages: 'CON 0.01 GET mid=12 token=ab12 /rd?ep=x'. */
export function describeMessage(m: CoapMessage): string {
  const q = uriQuery(m);
  const path = optionValues(m, OptionNumber.UriPath).length > 0 ? uriPath(m) : '';
  return `${m.type} ${m.code} ${codeName(m.code)} mid=${m.messageId} token=${m.token.toString('hex')}` +
    (path ? ` ${path}` : '') + (q.length ? `?${q.join('&')}` : '');
}
