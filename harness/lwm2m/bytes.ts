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

/**
 * Strict base64 decoding: only the alphabet(s) allowed, correct padding (optional for url),
 * no stray characters. Node's Buffer decoder silently skips garbage, so check first.
 */
export function fromBase64(text: string, alphabet: Base64Alphabet): Uint8Array | undefined {
  const std = /^[A-Za-z0-9+/]*={0,2}$/;
  const url = /^[A-Za-z0-9\-_]*={0,2}$/;
  const okStd = std.test(text);
  const okUrl = url.test(text);
  if (alphabet === 'base64' && !okStd) return undefined;
  if (alphabet === 'base64url' && !okUrl) return undefined;
  if (alphabet === 'either' && !okStd && !okUrl) return undefined;
  const body = text.replace(/=+$/, '');
  const padding = text.length - body.length;
  if (body.length % 4 === 1) return undefined;
  if (padding > 0 && (text.length % 4 !== 0)) return undefined;
  const buffer = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  // Reject non-canonical trailing bits (e.g. "q83w" style garbage that Node would accept).
  if (Buffer.from(buffer).toString('base64').replace(/=+$/, '') !== body.replace(/-/g, '+').replace(/_/g, '/')) return undefined;
  return new Uint8Array(buffer);
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
