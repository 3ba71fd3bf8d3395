// CoAP option numbers (RFC 7252 §12.2, RFC 7641, RFC 7959) and the value encodings they use:
// minimal unsigned integers and the Block1/Block2 NUM/M/SZX triple.

export const OptionNumber = {
  IfMatch: 1,
  UriHost: 3,
  ETag: 4,
  IfNoneMatch: 5,
  Observe: 6,
  UriPort: 7,
  LocationPath: 8,
  Oscore: 9,
  UriPath: 11,
  ContentFormat: 12,
  MaxAge: 14,
  UriQuery: 15,
  Accept: 17,
  LocationQuery: 20,
  Block2: 23,
  Block1: 27,
  Size2: 28,
  ProxyUri: 35,
  ProxyScheme: 39,
  Size1: 60,
  NoResponse: 258,
} as const;

/** Odd option numbers are critical: a recipient that does not understand one must reject the message. */
export function isCritical(optionNumber: number): boolean {
  return (optionNumber & 1) === 1;
}

/** Minimal big-endian encoding of an unsigned integer option value (0 → zero-length). */
export function encodeUint(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`uint option value out of range: ${value}`);
  }
  if (value === 0) return Buffer.alloc(0);
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0) {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  }
  return Buffer.from(bytes);
}

/** Decodes an unsigned integer option value; values longer than 4 bytes are not valid for any uint option used here. */
export function decodeUint(value: Buffer): number | undefined {
  if (value.length > 4) return undefined;
  let n = 0;
  for (const byte of value) n = n * 256 + byte;
  return n;
}

export type BlockSize = 16 | 32 | 64 | 128 | 256 | 512 | 1024;

export interface BlockOption {
  /** Block number. */
  num: number;
  /** More blocks follow. */
  more: boolean;
  /** Size exponent: block size = 2^(szx + 4). */
  szx: number;
  /** Block size in bytes, derived from szx. */
  size: BlockSize;
}

export function sizeOfSzx(szx: number): BlockSize {
  return (16 << szx) as BlockSize;
}

export function szxOfSize(size: BlockSize): number {
  return Math.log2(size) - 4;
}

export function encodeBlock(block: { num: number; more: boolean; szx: number }): Buffer {
  if (block.szx < 0 || block.szx > 6) throw new RangeError(`block SZX out of range: ${block.szx}`);
  if (block.num < 0 || block.num > 0xfffff) throw new RangeError(`block NUM out of range: ${block.num}`);
  return encodeUint(block.num * 16 + (block.more ? 8 : 0) + block.szx);
}

/** Decodes a Block1/Block2 value; SZX 7 is reserved (RFC 7959 §2.2) and yields undefined. */
export function decodeBlock(value: Buffer): BlockOption | undefined {
  if (value.length > 3) return undefined;
  const raw = decodeUint(value);
  if (raw === undefined) return undefined;
  const szx = raw & 0x7;
  if (szx === 7) return undefined;
  return { num: Math.floor(raw / 16), more: (raw & 0x8) !== 0, szx, size: sizeOfSzx(szx) };
}
