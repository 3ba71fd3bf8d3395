// LwM2M CBOR decoding (content-format 11544, Core 1.2 §7.4.7): nested maps keyed by ids or
// arrays of ids, with Gateway text prefixes at the top. The payload is checked for
// well-formedness as a whole first (errors as CborReader gives them), then its maps are walked
// in place: paths are built as text on the way down, one string per level, and serve as node
// path and duplicate-check label alike. No intermediate CBOR tree.

import { checkCborItem } from '../cbor/check.ts';
import { CheckedCbor } from '../cbor/checked.ts';
import type { CborFloat, CborValue } from '../cbor/reader.ts';
import { DecodeFailure, guard, type DecodeResult } from '../decode-error.ts';
import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { formatPath, isWithin, type PathIds } from '../path.ts';
import type { LwM2mValue } from '../value.ts';
import type { DecodeContext } from './codec.ts';
import { cborToValue } from './cbor-value.ts';
import { ResourceTypes } from './resource-types.ts';
import { requestIds } from './senml.ts';

const FORMAT = 'lwm2m-cbor';

function failAt(offset: number, reason: string): never {
  throw new DecodeFailure({ format: FORMAT, offset, reason });
}

function id(v: CborValue, at: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return failAt(at, 'an id must be an unsigned integer');
  if (v > 65535) failAt(at, `id ${v} exceeds 65535`);
  return v;
}

/** Ids (and Gateway prefix) of a key other than a plain number. */
function keyIds(key: CborValue, at: number, topLevel: boolean): { ids: number[]; prefix?: string } {
  if (typeof key === 'bigint') return failAt(at, `id ${key} exceeds 65535`);
  if (typeof key === 'string') {
    if (!topLevel) failAt(at, 'a text key (Gateway prefix) is only allowed at the top level');
    return { ids: [], prefix: key };
  }
  if (Array.isArray(key)) {
    if (key.length === 0) failAt(at, 'empty array key');
    let prefix: string | undefined;
    let items = key;
    if (typeof key[0] === 'string') {
      if (!topLevel) failAt(at, 'a Gateway prefix is only allowed in a top-level key');
      prefix = key[0];
      items = key.slice(1);
    }
    const ids = items.map((v) => id(v, at));
    return prefix === undefined ? { ids } : { ids, prefix };
  }
  return failAt(at, 'a key must be an id, an array of ids or a Gateway prefix');
}

/**
 * Duplicate and parent/child conflicts between values and empty containers can only arise
 * when two entries of one map have key ids where one starts with the other (or a Gateway prefix
 * is in play): otherwise their subtrees are disjoint. So while every map's keys come in
 * ascending order of their first id, with no prefix, nothing is checked: each claim is a node
 * of the output already. At the first key that breaks this, the output's labels become the set
 * the exact checks use from then on.
 */
class Lwm2mCborWalk {
  readonly out: LwM2mNode[] = [];
  /** Labels ('prefix:' + path, or the path alone) once conflicts are possible. */
  claimed: Set<string> | undefined;
  private readonly types: ResourceTypes;

  constructor(readonly cbor: CheckedCbor, readonly request: PathIds, context: DecodeContext) {
    this.types = new ResourceTypes(context, request);
  }

  /** Claims a label just before its node joins the output. */
  private claim(label: string, at: number): void {
    const claimed = this.claimed;
    if (claimed === undefined) return;
    const size = claimed.size;
    if (claimed.add(label).size === size) failAt(at, `${label} appears twice`);
  }

  /** Type and value read by the last scalar() that returned true. */
  private scalarType: ValueType = 'none';
  private scalarValue: LwM2mValue = null;

  /**
   * The common values read in place, as cborToValue would type them, with no CBOR item or
   * result object per value: a small integer, text, bytes, a boolean or a float where the
   * declared type takes it. False, with nothing read, for anything else.
   */
  private scalar(declared: ValueType | undefined): boolean {
    const cbor = this.cbor;
    const b = cbor.bytes;
    const ib = b[cbor.p] as number;
    const major = ib >> 5;
    const ai = ib & 31;
    if ((major === 0 || major === 1) && ai < 27) {
      const type = declared ?? 'integer';
      if (type !== 'integer' && type !== 'time' && type !== 'float' && !(type === 'unsigned' && major === 0)) return false;
      const n = cbor.count();
      this.scalarType = type;
      this.scalarValue = major === 0 ? n : -1 - n;
      return true;
    }
    if (major === 3 && ai !== 31 && (declared === undefined || declared === 'string' || declared === 'corelnk')) {
      this.scalarType = declared ?? 'string';
      this.scalarValue = cbor.value() as string;
      return true;
    }
    if (major === 2 && ai !== 31 && (declared === undefined || declared === 'opaque')) {
      this.scalarType = 'opaque';
      this.scalarValue = cbor.value() as Uint8Array;
      return true;
    }
    if (major === 7 && (declared === undefined || declared === 'boolean') && (ai === 20 || ai === 21)) {
      cbor.p++;
      this.scalarType = 'boolean';
      this.scalarValue = ai === 21;
      return true;
    }
    if (major === 7 && (declared === undefined || declared === 'float') && ai >= 25 && ai <= 27) {
      this.scalarType = 'float';
      this.scalarValue = (cbor.value() as CborFloat).value;
      return true;
    }
    return false;
  }

  /** From here on, check every claim against all others. */
  private exact(): void {
    if (this.claimed !== undefined) return;
    this.claimed = new Set(this.out.map((node) => (node.prefix === undefined ? node.path : `${node.prefix}:${node.path}`)));
  }

  /** The map whose head is at cbor.p, below `base` (path text `baseText`, '' at the root). */
  map(base: PathIds, baseText: string, prefix: string | undefined, topLevel: boolean): void {
    const cbor = this.cbor;
    const request = this.request;
    const n = cbor.open();
    let lastId = -1;
    // Whether `base` agrees with the request path as far as both go: with it, a value's own id
    // decides whether it lies within the request, without a path array per value.
    let baseWithin = true;
    for (let k = 0; k < base.length && k < request.length; k++) if (base[k] !== request[k]) baseWithin = false;
    const depth = base.length + 1;
    // The path text of this map's entries up to their own id, made once per map.
    const childPrefix = `${baseText}/`;
    for (let k = 0; cbor.more(n, k); k++) {
      const at = cbor.p;
      // Ids below 24 (most) are their own head byte: read in place.
      const head = cbor.bytes[at] as number;
      let key: CborValue;
      if (head < 24) {
        key = head;
        cbor.p = at + 1;
      } else key = cbor.value();
      if (typeof key === 'number' && prefix === undefined && depth >= 3 && depth <= 4 && cbor.major() !== 5) {
        // The common entry: one id naming a resource or resource instance, and its value.
        const single = id(key, at);
        if (single <= lastId) this.exact();
        lastId = single;
        const text = childPrefix + single;
        if (!(baseWithin && request.length <= depth && (request.length <= base.length || request[base.length] === single))) {
          failAt(at, `${text} lies outside the request path ${formatPath(request)}`);
        }
        this.claim(text, at);
        const declared = this.types.typeOf(base[0] as number, depth === 3 ? single : (base[2] as number));
        if (this.scalar(declared)) {
          this.out.push({ path: text, type: this.scalarType, value: this.scalarValue });
          continue;
        }
        const typed = cborToValue(cbor.value(), declared);
        if (!typed.ok) failAt(at, `${text}: ${typed.reason}`);
        this.out.push({ path: text, type: typed.type, value: typed.value });
        continue;
      }
      let ids: number[];
      let text: string;
      let itemPrefix = prefix;
      let keyHasIds = true;
      if (typeof key === 'number') {
        // The common key: one id below the map's own path.
        const single = id(key, at);
        if (single <= lastId) this.exact();
        lastId = single;
        ids = base.slice();
        ids.push(single);
        text = `${baseText}/${single}`;
      } else {
        const parsed = keyIds(key, at, topLevel);
        if (parsed.prefix !== undefined) itemPrefix = parsed.prefix;
        const first = parsed.ids[0];
        keyHasIds = first !== undefined;
        if (first === undefined || first <= lastId || parsed.prefix !== undefined) this.exact();
        lastId = first ?? lastId;
        ids = base.concat(parsed.ids);
        text = ids.length === 0 ? '/' : keyHasIds ? `${baseText}/${parsed.ids.join('/')}` : baseText;
      }
      if (ids.length > 4) failAt(at, `path ${formatPath(ids)} is deeper than 4 levels`);
      const label = itemPrefix === undefined ? text : `${itemPrefix}:${text}`;
      if (cbor.major() === 5) {
        if (ids.length >= 4) failAt(at, `a map below the resource instance ${text}`);
        const start = cbor.p;
        const count = cbor.open();
        if (!cbor.more(count, 0)) {
          cbor.close(count);
          if (ids.length >= 2) {
            this.claim(label, at);
            if (!isWithin(ids, request) && !isWithin(request, ids)) failAt(at, `${text} lies outside the request path ${formatPath(request)}`);
            const node: { path: string; type: 'instance' | 'multiple'; value: []; prefix?: string } = { path: text, type: ids.length === 2 ? 'instance' : 'multiple', value: [] };
            if (itemPrefix !== undefined) node.prefix = itemPrefix;
            this.out.push(node);
          }
          continue;
        }
        cbor.p = start;
        this.map(ids, ids.length === 0 ? '' : text, itemPrefix, topLevel && !keyHasIds);
        continue;
      }
      const value = cbor.value();
      if (ids.length < 3) failAt(at, `a value at ${text}, which is not a resource`);
      if (itemPrefix === undefined && !isWithin(ids, request)) failAt(at, `${text} lies outside the request path ${formatPath(request)}`);
      this.claim(label, at);
      const typed = cborToValue(value, this.types.typeOf(ids[0] as number, ids[2] as number));
      if (!typed.ok) failAt(at, `${text}: ${typed.reason}`);
      const node: { path: string; type: typeof typed.type; value: LwM2mValue; prefix?: string } = { path: text, type: typed.type, value: typed.value };
      if (itemPrefix !== undefined) node.prefix = itemPrefix;
      this.out.push(node);
    }
    cbor.close(n);
  }
}

/** A value or empty container may not also be the parent of another entry (offset 0). */
function checkNoParentClaimed(claimed: ReadonlySet<string>): void {
  for (const key of claimed) {
    // A path of two or more levels with no prefix: only its ancestors down to '/o/i' can be
    // claimed ('/o' never is), so check just those; anything else takes every '/' as before.
    const plain = key.charCodeAt(0) === 0x2f;
    const stop = plain ? key.indexOf('/', 1) : 0;
    for (let cut = key.lastIndexOf('/'); cut > stop; cut = key.lastIndexOf('/', cut - 1)) {
      const ancestor = key.slice(0, cut);
      if (claimed.has(ancestor)) failAt(0, `${ancestor} is both a value or empty container and the parent of ${key}`);
    }
  }
}

function decodeTree(payload: Uint8Array, context: DecodeContext): LwM2mNode[] {
  const request = requestIds(context, FORMAT);
  if (payload.length === 0) failAt(0, 'empty payload');
  const end = checkCborItem(payload, 0, FORMAT);
  if (end < payload.length) failAt(end, `${payload.length - end} trailing bytes after the data item`);
  const cbor = new CheckedCbor(payload, FORMAT);
  if (cbor.major() !== 5) return failAt(0, 'LwM2M CBOR must be a map');
  const walk = new Lwm2mCborWalk(cbor, request, context);
  walk.map([], '', undefined, true);
  if (walk.claimed !== undefined) checkNoParentClaimed(walk.claimed);
  return walk.out;
}

export function decodeLwm2mCbor(payload: Uint8Array, context: DecodeContext = {}): DecodeResult<LwM2mNode[]> {
  return guard(FORMAT, () => decodeTree(payload, context));
}
