// LwM2M paths: '/', '/o', '/o/i', '/o/i/r', '/o/i/r/ri' with ids 0..65535 (Core §6.1, §7.2).
// Parsing is total: it returns the ids or a DecodeError with the character position.

import { fail, ok, type DecodeResult } from './decode-error.ts';

/** Ids of a path, outermost first; [] is the root '/'. At most 4 levels. */
export type PathIds = readonly number[];

/** 65535 is MAX_ID: reserved as "no instance" in objlnk and Create (Core §7.3.9, §7.4.2). */
export const MAX_ID = 65535;

export interface ParsePathOptions {
  /** Accept '1/2' like Zephyr's parser does; strict callers set this false. Default true. */
  readonly allowRelative?: boolean;
  /** Reject 65535 as an object or instance id (a path cannot name MAX_ID). Default false. */
  readonly rejectMaxId?: boolean;
}

const FORMAT = 'path';

export function parsePath(text: string, options: ParsePathOptions = {}): DecodeResult<PathIds> {
  if (typeof text !== 'string') return fail(FORMAT, 'path is not a string');
  const n = text.length;
  let i = 0;
  if (text.charCodeAt(0) === 0x2f) i = 1;
  else if (options.allowRelative === false) return fail(FORMAT, "path must start with '/'", { position: 0 });
  if (i === n) {
    return n === 0 && options.allowRelative === false ? fail(FORMAT, 'empty path', { position: 0 }) : ok([]);
  }
  // Hand-written scan: paths are parsed for every node a codec touches.
  const ids: number[] = [];
  for (;;) {
    const start = i;
    let id = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x2f) break;
      if (c < 0x30 || c > 0x39 || i - start >= 5) {
        const segmentEnd = text.indexOf('/', start);
        const segment = text.slice(start, segmentEnd < 0 ? n : segmentEnd);
        return fail(FORMAT, `'${segment}' is not an id`, { position: start });
      }
      id = id * 10 + (c - 0x30);
      i++;
    }
    if (i === start) return fail(FORMAT, 'empty path segment', { position: start });
    if (id > MAX_ID) return fail(FORMAT, `id ${id} exceeds ${MAX_ID}`, { position: start });
    if (options.rejectMaxId && id === MAX_ID && ids.length < 2) return fail(FORMAT, `id ${MAX_ID} is reserved`, { position: start });
    ids.push(id);
    if (ids.length > 4) return fail(FORMAT, 'path has more than 4 levels', { position: start });
    if (i === n) return ok(ids);
    i++; // '/'
    if (i === n) return fail(FORMAT, 'empty path segment', { position: i });
  }
}

export function formatPath(ids: PathIds): string {
  return ids.length === 0 ? '/' : `/${ids.join('/')}`;
}

/** The vector notation of path.json: absent levels are null. */
export interface PathParts {
  object: number | null;
  instance: number | null;
  resource: number | null;
  resource_instance: number | null;
}

export function pathParts(ids: PathIds): PathParts {
  return { object: ids[0] ?? null, instance: ids[1] ?? null, resource: ids[2] ?? null, resource_instance: ids[3] ?? null };
}

/** true when `inner` equals `outer` or lies below it. */
export function isWithin(inner: PathIds, outer: PathIds): boolean {
  if (inner.length < outer.length) return false;
  for (let k = 0; k < outer.length; k++) if (inner[k] !== outer[k]) return false;
  return true;
}

/** Parses a path that the caller guarantees is valid (throws otherwise: caller bug, not input). */
export function pathIds(text: string): PathIds {
  const parsed = parsePath(text);
  if (!parsed.ok) throw new RangeError(`invalid LwM2M path '${text}': ${parsed.error.reason}`);
  return parsed.value;
}

/**
 * Ids of `text` when it is an absolute path written canonically (as formatPath writes it: no
 * leading zeros, no trailing '/'), else undefined: then parsePath decides. A decoder's fast path
 * for names that are almost always canonical, whose text can then serve as the node's path.
 */
export function canonicalPathIds(text: string): number[] | undefined {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 0x2f) return undefined;
  const ids: number[] = [];
  let i = 1;
  for (;;) {
    const start = i;
    let id = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2f) break;
      if (c < 0x30 || c > 0x39) return undefined;
      id = id * 10 + (c - 0x30);
    }
    const digits = i - start;
    if (digits === 0 || digits > 5 || (digits > 1 && text.charCodeAt(start) === 0x30) || id > MAX_ID) return undefined;
    if (ids.push(id) > 4) return undefined;
    if (i === n) return ids;
    i++; // '/'
  }
}

/**
 * canonicalPathIds without an array: the ids go to into[at..at+3]; returns how many, or -1 when
 * the path is not canonical. For encoders that keep the ids of every node at once.
 */
export function readCanonicalPathIds(text: string, into: Int32Array, at: number): number {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 0x2f) return -1;
  let count = 0;
  let i = 1;
  for (;;) {
    const start = i;
    let id = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2f) break;
      if (c < 0x30 || c > 0x39) return -1;
      id = id * 10 + (c - 0x30);
    }
    const digits = i - start;
    if (digits === 0 || digits > 5 || (digits > 1 && text.charCodeAt(start) === 0x30) || id > MAX_ID || count === 4) return -1;
    into[at + count++] = id;
    if (i === n) return count;
    i++; // '/'
  }
}
