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

/** Object lists read lately, by text. */
const objectLists = new Map<string, ObjectList>();
/** Distinct texts kept: clients of one model send one list, a fleet has a few models. */
const objectListsKept = 256;

/**
 * The object list of a Register or Update. Clients of one kind send the same text, so one
 * decoded list (frozen, as registrations and events share it) serves them all: a server
 * holding 10^5 registrations keeps one copy per kind of client, not one per client.
 */
export function readObjectList(payload: Buffer): ObjectList {
  const text = payload.toString('utf8');
  const known = objectLists.get(text);
  if (known) return known;
  const list = decodeObjectList(text);
  if (objectLists.size >= objectListsKept) objectLists.clear();
  objectLists.set(text, list);
  return list;
}

function decodeObjectList(text: string): ObjectList {
  const decoded = decodeLinkFormat(text);
  if (!decoded.ok) {
    const at = decoded.error.offset ?? decoded.error.position;
    return Object.freeze({ text, error: `${decoded.error.reason}${at !== undefined ? ` (at ${at})` : ''}` });
  }
  const links = decoded.value.map((link) => Object.freeze({ ...link, attributes: Object.freeze(link.attributes.map((a) => Object.freeze(a))) as Link['attributes'] }));
  return Object.freeze({ text, links: Object.freeze(links) });
}

/** Object and instance paths of a link list, e.g. ['/1/0', '/3/0', '/5']; the root link '/' is left out. */
export function objectPaths(links: readonly Link[]): string[] {
  return links.map((l) => l.uri).filter((uri) => /^\/\d+(\/\d+)?$/.test(uri));
}

/** Object ids listed, instance links included: '/1/0' counts for object 1. */
export function listedObjects(links: readonly Link[]): Set<number> {
  return new Set(objectPaths(links).map((p) => Number(p.split('/')[1])));
}
