// LwM2M resource values in memory (Core §7.1, Appendix C): one JS representation per data type,
// chosen so nothing exact passes through float64: 64-bit integers become bigint beyond 2^53.

import type { ValueType } from './model/types.ts';
import { fail, ok, type DecodeResult } from './decode-error.ts';

export type { ValueType };

export interface ObjectLink {
  readonly objectId: number;
  readonly instanceId: number;
}

/**
 * string/corelnk: string; integer/unsigned/time: number (safe integer) or bigint;
 * float: number; boolean: boolean; opaque: Uint8Array; objlnk: ObjectLink; none: null.
 */
export type LwM2mValue = string | number | bigint | boolean | Uint8Array | ObjectLink | null;

export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;
export const UINT64_MAX = (1n << 64n) - 1n;

export const VALUE_TYPES: readonly ValueType[] = ['string', 'integer', 'unsigned', 'float', 'boolean', 'opaque', 'time', 'objlnk', 'corelnk', 'none'];

export function isValueType(s: unknown): s is ValueType {
  return typeof s === 'string' && (VALUE_TYPES as readonly string[]).includes(s);
}

/** A bigint as number when it is a safe integer, else unchanged. */
export function compactInteger(b: bigint): number | bigint {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

/** An integer-typed value as bigint; undefined when it is not an integer. */
export function toBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

export function inInt64(b: bigint): boolean {
  return b >= INT64_MIN && b <= INT64_MAX;
}

export function inUint64(b: bigint): boolean {
  return b >= 0n && b <= UINT64_MAX;
}

/** Parses a decimal integer string exactly; no float64 on the way. */
export function parseDecimalInteger(text: string): bigint | undefined {
  return /^[+-]?\d+$/.test(text) ? BigInt(text) : undefined;
}

export function formatObjectLink(link: ObjectLink): string {
  return `${link.objectId}:${link.instanceId}`;
}

/** "oid:iid", each 0..65535, no whitespace (Core §7.1 Objlnk; Wakaama/Anjay are this strict). */
export function parseObjectLink(text: string, format = 'objlnk'): DecodeResult<ObjectLink> {
  const fast = objectLinkFast(text);
  if (fast !== undefined) return ok(fast);
  const m = /^(\d{1,5}):(\d{1,5})$/.exec(text);
  if (!m) return fail(format, `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}' is not an object link 'oid:iid'`, { position: 0 });
  const objectId = Number(m[1]);
  const instanceId = Number(m[2]);
  if (objectId > 65535 || instanceId > 65535) return fail(format, `object link '${text}' has an id above 65535`, { position: 0 });
  return ok({ objectId, instanceId });
}

/** The common valid link, scanned by hand (links are decoded per value); undefined otherwise. */
function objectLinkFast(text: string): ObjectLink | undefined {
  const n = text.length;
  let objectId = 0;
  let i = 0;
  for (; i < n && i < 6; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a) break;
    if (c < 0x30 || c > 0x39) return undefined;
    objectId = objectId * 10 + (c - 0x30);
  }
  if (i === 0 || i > 5 || i === n) return undefined;
  const colon = i++;
  let instanceId = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    instanceId = instanceId * 10 + (c - 0x30);
  }
  const digits = n - colon - 1;
  if (digits === 0 || digits > 5 || objectId > 65535 || instanceId > 65535) return undefined;
  return { objectId, instanceId };
}

export function isObjectLink(v: unknown): v is ObjectLink {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && 'objectId' in v && 'instanceId' in v;
}

/** Checks a value against its type; returns a reason when it does not fit. */
export function checkValue(type: ValueType, v: LwM2mValue): string | undefined {
  switch (type) {
    case 'string':
    case 'corelnk':
      return typeof v === 'string' ? undefined : `${type} needs a string`;
    case 'integer':
    case 'time': {
      const b = toBigInt(v);
      return b !== undefined && inInt64(b) ? undefined : `${type} needs a signed 64-bit integer`;
    }
    case 'unsigned': {
      const b = toBigInt(v);
      return b !== undefined && inUint64(b) ? undefined : 'unsigned needs an unsigned 64-bit integer';
    }
    case 'float':
      return typeof v === 'number' ? undefined : 'float needs a number';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'boolean needs true or false';
    case 'opaque':
      return v instanceof Uint8Array ? undefined : 'opaque needs bytes';
    case 'objlnk':
      return isObjectLink(v) && v.objectId >= 0 && v.objectId <= 65535 && v.instanceId >= 0 && v.instanceId <= 65535 && Number.isInteger(v.objectId) && Number.isInteger(v.instanceId)
        ? undefined
        : 'objlnk needs {objectId, instanceId} in 0..65535';
    case 'none':
      return v === null ? undefined : 'none has no value';
  }
}
