// CoRE Link Format (RFC 6690, content-format 40) as LwM2M uses it: Register/Update payloads,
// Discover and Bootstrap-Discover answers, Corelnk resource values.
//
// The decoder is lenient but total: it accepts the deviations seen from real clients and in the
// OMA TS examples (spaces after ',', a missing leading '/', unquoted lists, links separated by a
// newline, the legacy "lwm2m=1.0," with no URI) and records each one as a deviation, which the
// strict lint layer (lint/link-format.ts) turns into findings. Only input whose structure cannot
// be recovered (an unterminated '<' or quoted-string, an attribute without a name, two links not
// separated at all) is a DecodeError.

import { fail, ok, type DecodeResult } from '../decode-error.ts';
import { allOfClass, isClass, isPtoken, NAME_END, PARMNAME_CHAR, URI_CHAR, WHITESPACE } from './link-format-chars.ts';

export interface LinkAttribute {
  name: string;
  value?: string;
  quoted?: boolean;
}

export interface Link {
  uri: string;
  attributes: LinkAttribute[];
}

/** A departure from the RFC 6690 grammar that the decoder tolerated. */
export interface LinkDeviation {
  readonly id: LinkDeviationId;
  /** Character index into the payload. */
  readonly position: number;
  readonly message: string;
}

export type LinkDeviationId =
  | 'lf.whitespace'
  | 'lf.newline-separator'
  | 'lf.trailing-separator'
  | 'lf.missing-uri'
  | 'lf.uri-empty'
  | 'lf.uri-no-leading-slash'
  | 'lf.uri-not-path'
  | 'lf.uri-query-or-fragment'
  | 'lf.uri-bad-percent'
  | 'lf.uri-invalid-char'
  | 'lf.attr-name-invalid'
  | 'lf.attr-empty-value'
  | 'lf.ptoken-invalid'
  | 'lf.ambiguous-escape';

export interface ScannedLinkFormat {
  readonly links: Link[];
  /** Character index where each link (its '<', or its first attribute when the URI is missing) starts. */
  readonly linkPositions: number[];
  /** Character index of each attribute's name, per link, in attribute order. */
  readonly attributePositions: number[][];
  readonly deviations: LinkDeviation[];
}

const FORMAT = 'link-format';

function isWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** What a whitespace skip found; NO_WHITESPACE when nothing was skipped (the common case, no allocation). */
interface WhitespaceRun {
  readonly skipped: boolean;
  readonly newline: boolean;
  readonly at: number;
}
const NO_WHITESPACE: WhitespaceRun = { skipped: false, newline: false, at: -1 };

/** Full scan: links plus every tolerated deviation with its position. */
export function scanLinkFormat(text: string): DecodeResult<ScannedLinkFormat> {
  const links: Link[] = [];
  const linkPositions: number[] = [];
  const attributePositions: number[][] = [];
  const deviations: LinkDeviation[] = [];
  const n = text.length;
  let i = 0;

  const deviate = (id: LinkDeviationId, position: number, message: string): void => {
    deviations.push({ id, position, message });
  };
  /** Skips whitespace; returns whether any was skipped and whether it held a line break. */
  const skipWhitespace = (): WhitespaceRun => {
    if (i >= n || !isClass(text.charCodeAt(i), WHITESPACE)) return NO_WHITESPACE;
    const at = i;
    let newline = false;
    while (i < n && isWhitespace(text[i])) {
      if (text[i] === '\n' || text[i] === '\r') newline = true;
      i++;
    }
    return { skipped: i > at, newline, at };
  };
  const skipWhitespaceDeviating = (where: string): void => {
    const ws = skipWhitespace();
    if (ws.skipped) deviate('lf.whitespace', ws.at, `whitespace ${where} is not allowed by RFC 6690`);
  };

  if (n === 0) return ok({ links, linkPositions, attributePositions, deviations });

  skipWhitespaceDeviating('before the first link');
  for (;;) {
    if (i >= n) {
      if (links.length > 0) deviate('lf.trailing-separator', n, "trailing ',' after the last link");
      break;
    }
    const linkStart = i;
    let uri: string;
    let implicitSemicolon = false;
    if (text[i] === '<') {
      const close = text.indexOf('>', i + 1);
      if (close < 0) return fail(FORMAT, "unterminated URI reference: '<' without '>'", { position: i });
      uri = text.slice(i + 1, close);
      checkUri(uri, i + 1, deviate);
      i = close + 1;
    } else if (links.length === 0 && isClass(text.charCodeAt(i), PARMNAME_CHAR)) {
      // Legacy Bootstrap-Discover form "lwm2m=1.0,</0/0>...": attributes with no URI-reference.
      deviate('lf.missing-uri', i, "attributes without a '<URI-reference>'; read as belonging to '</>'");
      uri = '/';
      implicitSemicolon = true;
    } else {
      return fail(FORMAT, `expected '<' to start a link, found '${text[i]}'`, { position: i });
    }

    const attributes: LinkAttribute[] = [];
    const positions: number[] = [];
    // Attributes: ';' name ['=' value], repeated.
    for (;;) {
      if (implicitSemicolon) {
        implicitSemicolon = false;
      } else {
        const before = i;
        const ws = skipWhitespace();
        if (text[i] !== ';') {
          i = before;
          break;
        }
        if (ws.skipped) deviate('lf.whitespace', ws.at, "whitespace before ';' is not allowed by RFC 6690");
        i++;
        skipWhitespaceDeviating("after ';'");
      }
      if (i >= n || text[i] === ',') {
        deviate('lf.trailing-separator', i, "';' not followed by an attribute");
        break;
      }
      const nameStart = i;
      while (i < n && !isClass(text.charCodeAt(i), NAME_END)) i++;
      const name = text.slice(nameStart, i);
      if (name.length === 0) return fail(FORMAT, 'attribute without a name', { position: nameStart });
      if (!allOfClass(name, PARMNAME_CHAR)) {
        deviate('lf.attr-name-invalid', nameStart, `attribute name '${name}' has characters outside RFC 5987 attr-char`);
      }
      const attribute: LinkAttribute = { name };
      const afterName = i;
      const wsBeforeEq = skipWhitespace();
      if (text[i] === '=') {
        if (wsBeforeEq.skipped) deviate('lf.whitespace', wsBeforeEq.at, "whitespace before '=' is not allowed by RFC 6690");
        i++;
        skipWhitespaceDeviating("after '='");
        if (text[i] === '"') {
          const quoted = readQuotedString(text, i, deviate);
          if (!quoted.ok) return quoted;
          attribute.value = quoted.value.value;
          attribute.quoted = true;
          i = quoted.value.end;
        } else {
          const valueStart = i;
          // Unquoted: up to the next ';', ',' or line break; spaces inside are tolerated (ct=60 110).
          // A ',' followed by neither '<' nor whitespace cannot start a link: it continues an unquoted
          // list (ct=110,112 seen in the wild).
          while (i < n && text[i] !== ';' && text[i] !== '\n' && text[i] !== '\r') {
            if (text[i] === ',' && (i + 1 >= n || text[i + 1] === '<' || isWhitespace(text[i + 1]))) break;
            i++;
          }
          let end = i;
          while (end > valueStart && isWhitespace(text[end - 1])) end--;
          if (end < i) deviate('lf.whitespace', end, 'whitespace after an attribute value is not allowed by RFC 6690');
          const value = text.slice(valueStart, end);
          if (value.length === 0) {
            deviate('lf.attr-empty-value', valueStart, `attribute '${name}' has '=' but no value`);
          } else if (!isPtoken(value)) {
            deviate('lf.ptoken-invalid', valueStart, `unquoted value '${value}' of '${name}' is not a ptoken; it must be quoted`);
          }
          attribute.value = value;
        }
      } else {
        i = afterName;
      }
      attributes.push(attribute);
      positions.push(nameStart);
    }
    links.push({ uri, attributes });
    linkPositions.push(linkStart);
    attributePositions.push(positions);

    // Separator: ',' (optionally surrounded by whitespace), a bare line break, or the end.
    const ws = skipWhitespace();
    if (i >= n) {
      if (ws.skipped) deviate('lf.whitespace', ws.at, 'whitespace after the last link is not allowed by RFC 6690');
      break;
    }
    if (text[i] === ',') {
      if (ws.skipped) deviate('lf.whitespace', ws.at, "whitespace before ',' is not allowed by RFC 6690");
      i++;
      skipWhitespaceDeviating("after ','");
      continue;
    }
    if (ws.newline && text[i] === '<') {
      deviate('lf.newline-separator', ws.at, "links separated by a line break instead of ','");
      continue;
    }
    return fail(FORMAT, `expected ',' between links, found '${text[i]}'`, { position: i });
  }
  return ok({ links, linkPositions, attributePositions, deviations });
}

function readQuotedString(
  text: string,
  start: number,
  deviate: (id: LinkDeviationId, position: number, message: string) => void,
): DecodeResult<{ value: string; end: number }> {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return ok({ value, end: i + 1 });
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) break;
      if (next === '"') {
        value += '"';
      } else {
        // Only \" is unescaped (as Leshan and most LwM2M stacks do); other pairs stay verbatim.
        deviate('lf.ambiguous-escape', i, `backslash before '${next}' in a quoted-string is read verbatim`);
        value += c + next;
      }
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return fail(FORMAT, 'unterminated quoted-string', { position: start });
}

function checkUri(uri: string, at: number, deviate: (id: LinkDeviationId, position: number, message: string) => void): void {
  if (uri.length === 0) {
    deviate('lf.uri-empty', at, 'empty URI-reference');
    return;
  }
  if (!allOfClass(uri, URI_CHAR)) {
    deviate('lf.uri-invalid-char', at, `URI-reference '${uri}' has characters not allowed by RFC 3986`);
  }
  if (uri.includes('%') && /%(?![0-9A-Fa-f]{2})/.test(uri)) {
    deviate('lf.uri-bad-percent', at, `URI-reference '${uri}' has a malformed percent-encoding`);
  }
  // A scheme starts with a letter: a path ('/…') needs no regex.
  if ((uri.charCodeAt(0) !== 0x2f && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) || uri.startsWith('//')) {
    deviate('lf.uri-not-path', at, `URI-reference '${uri}' is not an absolute path`);
  } else if (!uri.startsWith('/')) {
    deviate('lf.uri-no-leading-slash', at, `URI-reference '${uri}' lacks the leading '/'`);
  }
  if (uri.includes('?') || uri.includes('#')) {
    deviate('lf.uri-query-or-fragment', at, `URI-reference '${uri}' carries a query or fragment`);
  }
}

/** Decodes a link-format payload leniently; see the module comment for what is tolerated. */
export function decodeLinkFormat(text: string): DecodeResult<Link[]> {
  if (typeof text !== 'string') return fail(FORMAT, 'payload is not text');
  const scanned = scanLinkFormat(text);
  return scanned.ok ? ok(scanned.value.links) : scanned;
}

/** Quotes a value as an RFC 6690 quoted-string (only '"' needs escaping for LwM2M peers). */
function quote(value: string): string {
  return `"${value.replace(/"/g, '\\"')}"`;
}

/** Encodes links in canonical RFC 6690 form: '<uri>;name=value' joined by ','; attribute order kept. */
export function encodeLinkFormat(links: readonly Link[]): string {
  return links
    .map((link) => {
      let out = `<${link.uri}>`;
      for (const a of link.attributes) {
        out += `;${a.name}`;
        if (a.value !== undefined) {
          const mustQuote = a.quoted === true || !isPtoken(a.value);
          out += `=${mustQuote ? quote(a.value) : a.value}`;
        }
      }
      return out;
    })
    .join(',');
}

/** Bytes of a link-format payload (UTF-8). */
export function decodeLinkFormatBytes(bytes: Uint8Array): DecodeResult<Link[]> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return decodeLinkFormat(text);
}
