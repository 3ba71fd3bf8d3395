// Write-Attributes query strings (Core §5.1.2, §6.3.4): parse and format
// 'pmin=10&pmax=60&gt=50', and the consistency rules between the values, reported as findings.
// A valueless attribute ('pmin') unsets it at that level.

import { fail, ok, type DecodeResult } from './decode-error.ts';
import { finding, type Finding } from './lint/finding.ts';
import { parsePath } from './path.ts';

export const NOTIFICATION_ATTRIBUTES = ['pmin', 'pmax', 'gt', 'lt', 'st', 'epmin', 'epmax', 'edge', 'con', 'hqmax'] as const;
export type NotificationAttribute = (typeof NOTIFICATION_ATTRIBUTES)[number];

/** Also seen in queries: 'dim' and 'ver' (properties; Leshan's parser accepts them). */
const PROPERTY_ATTRIBUTES = ['dim', 'ver'] as const;

export interface QueryAttribute {
  readonly name: string;
  /** Exact text of the value; absent for an unset. */
  readonly value?: string;
}

const FORMAT = 'attributes';
const UNSIGNED = /^\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Why a value is invalid for a known attribute, or undefined when it is fine. */
function valueProblem(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return name === 'dim' ? "'dim' cannot be unset" : undefined;
  switch (name) {
    case 'pmin':
    case 'pmax':
    case 'epmin':
    case 'epmax':
    case 'hqmax':
      return UNSIGNED.test(value) ? undefined : `'${name}' needs a non-negative integer`;
    case 'dim':
      return UNSIGNED.test(value) && Number(value) <= 255 ? undefined : "'dim' needs an integer 0-255";
    case 'gt':
    case 'lt':
      return DECIMAL.test(value) ? undefined : `'${name}' needs a decimal number`;
    case 'st':
      return DECIMAL.test(value) && !value.startsWith('-') ? undefined : "'st' needs a non-negative decimal number";
    case 'edge':
    case 'con':
      return value === '0' || value === '1' ? undefined : `'${name}' needs 0 or 1`;
    case 'ver':
      return /^\d+\.\d+$/.test(value) ? undefined : "'ver' needs 'major.minor'";
    default:
      return `unknown attribute '${name}'`;
  }
}

/** Parses a Uri-Query string of attributes; rejects empty segments, unknown names, bad values and duplicates. */
export function parseAttributeQuery(query: string): DecodeResult<QueryAttribute[]> {
  if (typeof query !== 'string') return fail(FORMAT, 'query is not a string');
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (text === '') return ok([]);
  const out: QueryAttribute[] = [];
  const seen = new Set<string>();
  let position = 0;
  for (const segment of text.split('&')) {
    if (segment === '') return fail(FORMAT, "empty segment between '&'", { position });
    const eq = segment.indexOf('=');
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? undefined : segment.slice(eq + 1);
    if (value === '') return fail(FORMAT, `'${name}=' has no value`, { position });
    const problem = valueProblem(name, value);
    if (problem) return fail(FORMAT, problem, { position });
    if (seen.has(name)) return fail(FORMAT, `'${name}' given twice`, { position });
    seen.add(name);
    out.push(value === undefined ? { name } : { name, value });
    position += segment.length + 1;
  }
  return ok(out);
}

export function formatAttributeQuery(attributes: readonly QueryAttribute[]): string {
  return attributes.map((a) => (a.value === undefined ? a.name : `${a.name}=${a.value}`)).join('&');
}

export function isKnownAttribute(name: string): boolean {
  return (NOTIFICATION_ATTRIBUTES as readonly string[]).includes(name) || (PROPERTY_ATTRIBUTES as readonly string[]).includes(name);
}

export interface AttributeCheckOptions {
  /** Target path: 'ver' belongs on object links, 'dim' on resources. */
  readonly path?: string;
}

/** Consistency rules (Core §5.1.2): lt < gt, lt + 2*st < gt, pmin <= pmax, epmin <= epmax. */
export function checkAttributes(attributes: readonly QueryAttribute[], options: AttributeCheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  const num = (name: string): number | undefined => {
    const v = attributes.find((a) => a.name === name)?.value;
    return v !== undefined && DECIMAL.test(v) ? Number(v) : undefined;
  };
  const pmin = num('pmin');
  const pmax = num('pmax');
  const epmin = num('epmin');
  const epmax = num('epmax');
  const lt = num('lt');
  const gt = num('gt');
  const st = num('st');
  if (pmin !== undefined && pmax !== undefined && pmin > pmax) {
    out.push(finding('attr.pmin-above-pmax', 'MUST', `pmin ${pmin} > pmax ${pmax}: LwM2M 1.2 requires pmax >= pmin (1.0/1.1 ignore pmax)`));
  }
  if (epmin !== undefined && epmax !== undefined && epmin > epmax) {
    out.push(finding('attr.epmin-above-epmax', 'MUST', `epmin ${epmin} > epmax ${epmax}`));
  }
  if (lt !== undefined && gt !== undefined && !(lt < gt)) {
    out.push(finding('attr.lt-not-below-gt', 'MUST', `lt ${lt} must be less than gt ${gt}`));
  }
  if (lt !== undefined && gt !== undefined && st !== undefined && lt < gt && !(lt + 2 * st < gt)) {
    out.push(finding('attr.step-overlaps', 'MUST', `lt + 2*st (${lt + 2 * st}) must be less than gt ${gt}`));
  }
  if (options.path !== undefined) {
    const ids = parsePath(options.path);
    const level = ids.ok ? ids.value.length : -1;
    if (attributes.some((a) => a.name === 'ver') && level !== 1) {
      out.push(finding('attr.ver-not-on-object', 'MUST', `'ver' applies to objects only, not ${options.path}`));
    }
    if (attributes.some((a) => a.name === 'dim') && level !== 3) {
      out.push(finding('attr.dim-not-on-resource', 'MUST', `'dim' applies to multi-instance resources only, not ${options.path}`));
    }
  }
  return out;
}
