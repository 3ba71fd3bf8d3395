// Strict checks of a link-format payload: the RFC 6690 grammar deviations the lenient decoder
// tolerated, plus the LwM2M rules for attributes (Core §5.1, §6.2.1, §6.3.2, §5.2.7.3).
// Register/Update payloads get the Register-specific rules (no /0, no /21, Content-Format 40).

import { scanLinkFormat, type Link, type LinkDeviationId } from '../formats/link-format.ts';
import { finding, type Finding, type FindingLevel } from './finding.ts';

export type LinkContext = 'register' | 'discover' | 'bootstrap-discover' | 'generic';

export interface LinkLintOptions {
  /** Which operation produced the payload; enables operation-specific rules. */
  readonly context?: LinkContext;
  /** LwM2M enabler version in use ('1.0', '1.1', '1.2'); unknown means the strict 1.1+ rules. */
  readonly lwm2mVersion?: string;
  /** Content-Format the message carried, when checking a whole message. */
  readonly contentFormat?: number;
}

const DEVIATION_LEVEL: Record<LinkDeviationId, FindingLevel> = {
  'lf.whitespace': 'MUST',
  'lf.newline-separator': 'MUST',
  'lf.trailing-separator': 'MUST',
  'lf.missing-uri': 'MUST',
  'lf.uri-empty': 'MUST',
  'lf.uri-no-leading-slash': 'MUST',
  'lf.uri-not-path': 'MUST',
  'lf.uri-query-or-fragment': 'MUST',
  'lf.uri-bad-percent': 'MUST',
  'lf.uri-invalid-char': 'MUST',
  'lf.attr-name-invalid': 'MUST',
  'lf.attr-empty-value': 'MUST',
  'lf.ptoken-invalid': 'MUST',
  'lf.ambiguous-escape': 'SHOULD',
};

const UNSIGNED = /^\d+$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const VERSION = /^\d+\.\d+$/;

/** Attribute rules independent of the operation: value syntax and ranges. */
function attributeFindings(link: Link, positions: readonly number[], version: string | undefined): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const strictVer = version === undefined || version !== '1.0';
  link.attributes.forEach((a, k) => {
    const at = positions[k];
    if (seen.has(a.name)) {
      out.push(finding('lwm2m.duplicate-attribute', 'MUST', `attribute '${a.name}' appears more than once on <${link.uri}>`, at));
    }
    seen.add(a.name);
    const v = a.value;
    const needValue = (what: string, test: (s: string) => boolean): void => {
      if (v === undefined) out.push(finding('lwm2m.attr-missing-value', 'MUST', `'${a.name}' on <${link.uri}> needs a value (${what})`, at));
      else if (!test(v)) out.push(finding('lwm2m.attr-value', 'MUST', `'${a.name}=${v}' on <${link.uri}> is not ${what}`, at));
    };
    const inRange = (lo: number, hi: number) => (s: string) => UNSIGNED.test(s) && Number(s) >= lo && Number(s) <= hi;
    switch (a.name) {
      case 'pmin': case 'pmax': case 'epmin': case 'epmax': case 'hqmax':
        needValue('a non-negative integer', (s) => UNSIGNED.test(s));
        break;
      case 'gt': case 'lt': case 'st':
        needValue('a number', (s) => NUMBER.test(s));
        break;
      case 'dim':
        needValue('an integer 0-255', inRange(0, 255));
        break;
      case 'ssid':
        needValue('a Short Server ID 1-65534', inRange(1, 65534));
        break;
      case 'lwm2m':
        needValue("an enabler version 'major.minor'", (s) => VERSION.test(s));
        break;
      case 'ver':
        needValue("an object version 'major.minor'", (s) => VERSION.test(s));
        if (a.quoted) {
          out.push(finding('lwm2m.ver-quoted', strictVer ? 'MUST' : 'SHOULD', `'ver' on <${link.uri}> is quoted; LwM2M 1.1+ writes it unquoted`, at));
        }
        if (!isObjectLink(link.uri)) {
          out.push(finding('lwm2m.ver-not-on-object', 'SHOULD', `'ver' on <${link.uri}>, which is not an object link; several servers reject it there`, at));
        }
        break;
      case 'ct':
        needValue('a Content-Format number or a quoted list', (s) => (a.quoted ? /^\d+( \d+)*$/.test(s) : UNSIGNED.test(s) || /^\d+([ ,]\d+)+$/.test(s)));
        if (v !== undefined && !a.quoted && /[ ,]/.test(v)) {
          out.push(finding('lwm2m.ct-unquoted-list', 'MUST', `several 'ct' values must be one quoted, space-separated list: ct="${v.split(/[ ,]+/).join(' ')}"`, at));
        }
        break;
      default:
        break;
    }
  });
  return out;
}

/** '/o' (optionally below an alternate path like '/lwm2m/o') names an object. */
function isObjectLink(uri: string): boolean {
  const segments = uri.split('/').filter((s) => s.length > 0);
  const ids = segments.filter((s) => /^\d+$/.test(s));
  return ids.length === 1 && /^\d+$/.test(segments[segments.length - 1] ?? '');
}

function registerFindings(links: readonly Link[], positions: readonly number[], options: LinkLintOptions): Finding[] {
  const out: Finding[] = [];
  if (options.contentFormat !== undefined && options.contentFormat !== 40) {
    out.push(finding('lwm2m.register-content-format', 'MUST', `Register/Update payload carries Content-Format ${options.contentFormat}; it must be 40 (application/link-format)`));
  }
  links.forEach((link, k) => {
    const m = /^(?:\/[^/]+)*?\/(\d+)(?:\/\d+)?\/?$/.exec(link.uri);
    const objectId = m?.[1];
    if (objectId === '0') out.push(finding('lwm2m.register-lists-security', 'MUST', `<${link.uri}>: the Security object /0 must not be listed in Register`, positions[k]));
    if (objectId === '21') out.push(finding('lwm2m.register-lists-oscore', 'MUST', `<${link.uri}>: the OSCORE object /21 must not be listed in Register`, positions[k]));
    if (/^\/\d+\/\d+\/\d+/.test(link.uri)) out.push(finding('lwm2m.register-resource-link', 'MUST', `<${link.uri}>: Register lists objects and instances, not resources`, positions[k]));
  });
  return out;
}

/** Every finding for a link-format payload; a structural decode failure is one MUST finding. */
export function lintLinkFormat(text: string, options: LinkLintOptions = {}): Finding[] {
  const scanned = scanLinkFormat(text);
  if (!scanned.ok) {
    return [finding('lf.syntax', 'MUST', scanned.error.reason, scanned.error.position)];
  }
  const { links, linkPositions, attributePositions, deviations } = scanned.value;
  const out: Finding[] = deviations.map((d) => finding(d.id, DEVIATION_LEVEL[d.id], d.message, d.position));
  links.forEach((link, k) => {
    if (link.uri.length > 1 && link.uri.endsWith('/')) {
      out.push(finding('lwm2m.uri-trailing-slash', 'SHOULD', `<${link.uri}> ends with '/'`, linkPositions[k]));
    }
    for (const segment of link.uri.split('/')) {
      if (/^\d+$/.test(segment) && Number(segment) > 65535) {
        out.push(finding('lwm2m.id-range', 'MUST', `<${link.uri}>: id ${segment} exceeds 65535`, linkPositions[k]));
      }
    }
    out.push(...attributeFindings(link, attributePositions[k] ?? [], options.lwm2mVersion));
  });
  if (options.context === 'register') out.push(...registerFindings(links, linkPositions, options));
  return out;
}
