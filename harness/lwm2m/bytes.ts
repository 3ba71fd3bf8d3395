// Byte helpers shared by the codecs: hex, base64 / base64url (strict), strict UTF-8.

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8, or undefined when the bytes are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Lowercase or uppercase hex, even length, optional spaces; undefined otherwise. */
export function fromHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** base64url without padding (RFC 4648 §5), as SenML JSON `vd` requires (RFC 8428 §4.3). */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

export type Base64Alphabet = 'base64' | 'base64url' | 'either';

/** Sextet of each base64 character (both alphabets), -1 for anything else. */
const SEXTET = new Int8Array(128).fill(-1);
for (let k = 0; k < 64; k++) SEXTET['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(k)] = k;
SEXTET[0x2d] = 62; // '-'
SEXTET[0x5f] = 63; // '_'

/**
 * Strict base64 decoding: only the alphabet(s) allowed (one alphabet per text for 'either'),
 * correct padding (optional for url), no stray characters, no non-zero trailing bits (which
 * Node's Buffer decoder would silently drop). Decoded by hand, in one pass after the checks.
 */
export function fromBase64(text: string, alphabet: Base64Alphabet): Uint8Array | undefined {
  const n = text.length;
  let end = n;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  const padding = n - end;
  if (padding > 2) return undefined;
  let standard = false; // '+' or '/' seen
  let url = false; // '-' or '_' seen
  for (let k = 0; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c > 0x7f || (SEXTET[c] as number) < 0) return undefined;
    if (c === 0x2b || c === 0x2f) standard = true;
    else if (c === 0x2d || c === 0x5f) url = true;
  }
  if (alphabet === 'base64' ? url : alphabet === 'base64url' ? standard : standard && url) return undefined;
  const rest = end % 4;
  if (rest === 1) return undefined;
  if (padding > 0 && n % 4 !== 0) return undefined;
  const last = end > 0 ? (SEXTET[text.charCodeAt(end - 1)] as number) : 0;
  if ((rest === 2 && (last & 0x0f) !== 0) || (rest === 3 && (last & 0x03) !== 0)) return undefined;
  const out = new Uint8Array((end * 3) >> 2);
  let at = 0;
  let k = 0;
  for (; k + 4 <= end; k += 4) {
    const v = ((SEXTET[text.charCodeAt(k)] as number) << 18) | ((SEXTET[text.charCodeAt(k + 1)] as number) << 12) | ((SEXTET[text.charCodeAt(k + 2)] as number) << 6) | (SEXTET[text.charCodeAt(k + 3)] as number);
    out[at++] = v >> 16;
    out[at++] = (v >> 8) & 0xff;
    out[at++] = v & 0xff;
  }
  if (rest >= 2) {
    const v = ((SEXTET[text.charCodeAt(k)] as number) << 18) | ((SEXTET[text.charCodeAt(k + 1)] as number) << 12) | (rest === 3 ? (SEXTET[text.charCodeAt(k + 2)] as number) << 6 : 0);
    out[at++] = v >> 16;
    if (rest === 3) out[at++] = (v >> 8) & 0xff;
  }
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Copies b into `into` at `at`, for the encoders' writers. Byte by byte when short:
 * TypedArray.set costs more than copying a few bytes (opaque values are often short).
 */
export function copyBytes(into: Uint8Array, at: number, b: Uint8Array): void {
  const n = b.length;
  if (n > 16) return into.set(b, at);
  for (let k = 0; k < n; k++) into[at + k] = b[k] as number;
}
