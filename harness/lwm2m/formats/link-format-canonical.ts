// Link format already in the canonical form encodeLinkFormat writes: '<uri>;name=value' joined
// by ',', no whitespace, a URI that is an absolute path with no query, fragment or bad
// percent-encoding, names of attr-chars, values that are ptokens or quoted-strings with no escape
// but \". Such a payload decodes with no deviation and encodes back to itself, so a decoder that
// only needs the canonical text can check it in one pass and return it as it is.

import { isClass, NAME_END, PARMNAME_CHAR, PTOKEN_CHAR, URI_CHAR } from './link-format-chars.ts';

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** End of the URI-reference starting after '<' at `i`, at its '>', or -1 when not canonical. */
function uriEnd(text: string, i: number): number {
  const n = text.length;
  // An absolute path, not '//' (which would be an authority).
  if (text.charCodeAt(i) !== 0x2f || text.charCodeAt(i + 1) === 0x2f) return -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return i;
    if (!isClass(c, URI_CHAR) || c === 0x3f || c === 0x23) return -1; // '?' and '#' start a query or fragment
    if (c === 0x25 && !(isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2)))) return -1;
  }
  return -1;
}

/** End of the attribute value starting at `i` (after '='), or -1 when not canonical. */
function valueEnd(text: string, i: number): number {
  const n = text.length;
  if (text.charCodeAt(i) === 0x22) {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i + 1;
      if (c === 0x5c) {
        if (text.charCodeAt(i + 1) !== 0x22) return -1;
        i++;
      }
    }
    return -1;
  }
  const start = i;
  while (i < n && isClass(text.charCodeAt(i), PTOKEN_CHAR) && text.charCodeAt(i) !== 0x3b) i++;
  return i > start ? i : -1;
}

/** Whether `text` is link format exactly as encodeLinkFormat(decodeLinkFormat(text)) writes it. */
export function isCanonicalLinkFormat(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) !== 0x3c) return false;
    const close = uriEnd(text, i + 1);
    if (close < 0) return false;
    i = close + 1;
    while (text.charCodeAt(i) === 0x3b) {
      const nameStart = ++i;
      while (i < n && isClass(text.charCodeAt(i), PARMNAME_CHAR)) i++;
      if (i === nameStart) return false;
      if (text.charCodeAt(i) === 0x3d) {
        i = valueEnd(text, i + 1);
        if (i < 0) return false;
      } else if (i < n && !isClass(text.charCodeAt(i), NAME_END)) return false;
    }
    if (i === n) return true;
    if (text.charCodeAt(i) !== 0x2c || i + 1 === n) return false;
    i++;
  }
  return true;
}
