// Reads a Register or Update request as the Registration interface defines it: query
// parameters (ep, lt, lwm2m, b, sms, Q, pid) and the link-format object list.
import { decodeLinkFormat, type Link } from '../../lwm2m/formats/link-format.ts';

export interface RegistrationParams {
  /** Raw query items as sent, in order. */
  readonly query: readonly string[];
  /** name → value; a valueless flag (`Q`) maps to true; a repeated name keeps the first. */
  readonly params: Readonly<Record<string, string | true>>;
  /** Names given more than once. */
  readonly repeated: readonly string[];
}

export interface ObjectList {
  readonly text: string;
  readonly links?: readonly Link[];
  /** Why the payload is not valid link format. */
  readonly error?: string;
}

export function readParams(query: readonly string[]): RegistrationParams {
  const params: Record<string, string | true> = {};
  const repeated: string[] = [];
  for (const item of query) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const value = eq < 0 ? true : item.slice(eq + 1);
    if (name in params) repeated.push(name);
    else params[name] = value;
  }
  return { query, params, repeated };
}

export function readObjectList(payload: Buffer): ObjectList {
  const text = payload.toString('utf8');
  const decoded = decodeLinkFormat(text);
  if (!decoded.ok) {
    const at = decoded.error.offset ?? decoded.error.position;
    return { text, error: `${decoded.error.reason}${at !== undefined ? ` (at ${at})` : ''}` };
  }
  return { text, links: decoded.value };
}

/** Object and instance paths of a link list, e.g. ['/1/0', '/3/0', '/5']; the root link '/' is left out. */
export function objectPaths(links: readonly Link[]): string[] {
  return links.map((l) => l.uri).filter((uri) => /^\/\d+(\/\d+)?$/.test(uri));
}

/** Object ids listed, instance links included: '/1/0' counts for object 1. */
export function listedObjects(links: readonly Link[]): Set<number> {
  return new Set(objectPaths(links).map((p) => Number(p.split('/')[1])));
}
