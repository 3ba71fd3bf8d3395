// The character classes of RFC 6690 link format (and the RFC 3986 and RFC 5987 sets it uses),
// as tables over ASCII, one bit per class: payloads are scanned character by character, and a
// table lookup is far cheaper than a regex per character or per token.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** RFC 5987 attr-char, plus '*' for ext-name-star (RFC 6690 link-extension). */
export const PARMNAME_CHAR = 1;
/** RFC 6690 ptokenchar. */
export const PTOKEN_CHAR = 2;
/** RFC 3986 characters allowed in a URI-reference (pct-encoding checked separately). */
export const URI_CHAR = 4;
export const WHITESPACE = 8;
/** Characters that end an attribute name. */
export const NAME_END = 16;
const CLASSES = new Uint8Array(128);
function addClass(chars: string, bit: number): void {
  for (let k = 0; k < chars.length; k++) (CLASSES[chars.charCodeAt(k)] as number) |= bit;
}
addClass(`${ALNUM}!#$&+-.^_\`|~*`, PARMNAME_CHAR);
addClass(`${ALNUM}!#$%&'()*+-./:<=>?@[]^_\`{|}~`, PTOKEN_CHAR);
addClass(`${ALNUM}-._~:/?#[]@!$&'()*+,;=%`, URI_CHAR);
addClass(' \t\r\n', WHITESPACE | NAME_END);
addClass('=;,<>"', NAME_END);

export function isClass(code: number, bit: number): boolean {
  return code < 128 && ((CLASSES[code] as number) & bit) !== 0;
}

/** Whether every character of s (from..to) is in the class; an empty range is. */
export function allOfClass(s: string, bit: number, from = 0, to = s.length): boolean {
  for (let k = from; k < to; k++) if (!isClass(s.charCodeAt(k), bit)) return false;
  return true;
}

export function isPtoken(s: string): boolean {
  return s.length > 0 && allOfClass(s, PTOKEN_CHAR);
}
