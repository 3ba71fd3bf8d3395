// One LwM2M value to and from a CBOR data item, shared by CBOR (60) and LwM2M CBOR (11544):
// Core §7.4.6 / Appendix C type mapping.

import { CborFloat, CborTag, cborInteger, type CborValue } from '../cbor/reader.ts';
import type { CborWriter } from '../cbor/writer.ts';
import type { ValueType } from '../model/types.ts';
import { compactInteger, inInt64, inUint64, parseObjectLink, toBigInt, type LwM2mValue, type ObjectLink } from '../value.ts';
import type { EncodeOptions } from './codec.ts';
import { cborToTime, secondsToRfc3339 } from './cbor-time.ts';

export type ValueFromCbor = { ok: true; type: ValueType; value: LwM2mValue } | { ok: false; reason: string };

/** Type a CBOR item carries on its own, when no model or explicit type says otherwise. */
export function inferCborType(item: CborValue): ValueType | undefined {
  if (typeof item === 'number' || typeof item === 'bigint') return 'integer';
  if (item instanceof CborFloat) return 'float';
  if (typeof item === 'string') return 'string';
  if (item instanceof Uint8Array) return 'opaque';
  if (typeof item === 'boolean') return 'boolean';
  if (item === null) return 'none';
  if (item instanceof CborTag && (item.tag === 0 || item.tag === 1)) return 'time';
  return undefined;
}

// A function, not a closure per call: closures made per value cost an allocation each.
function bad(reason: string): ValueFromCbor {
  return { ok: false, reason };
}

export function cborToValue(item: CborValue, declared: ValueType | undefined, options: { stripNul?: boolean } = {}): ValueFromCbor {
  const type = declared ?? inferCborType(item);
  if (type === undefined) return { ok: false, reason: 'not an LwM2M value' };
  // A CBOR integer read as number is a safe integer: in range for every numeric type but for
  // negative unsigned, and already in its compact form; no bigint round trip needed.
  if (typeof item === 'number' && Number.isSafeInteger(item) && (type === 'integer' || type === 'time' || type === 'float' || (type === 'unsigned' && item >= 0))) {
    return { ok: true, type, value: item };
  }
  switch (type) {
    case 'string':
    case 'corelnk':
      return typeof item === 'string' ? { ok: true, type, value: item } : bad(`${type} needs a text string`);
    case 'opaque':
      return item instanceof Uint8Array ? { ok: true, type, value: item } : bad('opaque needs a byte string');
    case 'boolean':
      return typeof item === 'boolean' ? { ok: true, type, value: item } : bad('boolean needs true or false');
    case 'integer': {
      const b = cborInteger(item);
      if (b === undefined) return bad('integer needs a CBOR integer');
      return inInt64(b) ? { ok: true, type, value: compactInteger(b) } : bad('integer outside the signed 64-bit range');
    }
    case 'unsigned': {
      const b = cborInteger(item);
      if (b === undefined) return bad('unsigned needs a CBOR integer');
      return inUint64(b) ? { ok: true, type, value: compactInteger(b) } : bad('unsigned outside 0..2^64-1');
    }
    case 'float': {
      if (item instanceof CborFloat) return { ok: true, type, value: item.value };
      // Integers are legal for floats (RFC 8428 §6; IF-11); exact only up to 2^53.
      const b = cborInteger(item);
      if (b === undefined) return bad('float needs a CBOR number');
      return { ok: true, type, value: Number(b) };
    }
    case 'time': {
      const t = cborToTime(item);
      return t.ok ? { ok: true, type, value: t.value } : bad(t.reason);
    }
    case 'objlnk': {
      if (typeof item !== 'string') return bad('objlnk needs a text string');
      const text = options.stripNul && item.endsWith('\u0000') ? item.slice(0, -1) : item;
      const link = parseObjectLink(text);
      return link.ok ? { ok: true, type, value: link.value } : bad(link.error.reason);
    }
    case 'none':
      return item === null ? { ok: true, type, value: null } : bad('none needs null');
  }
}

export function writeCborValue(w: CborWriter, type: ValueType, value: LwM2mValue, options: EncodeOptions = {}, family: 'cbor' | 'lwm2m-cbor' = 'cbor'): void {
  switch (type) {
    case 'string':
    case 'corelnk':
      w.text(value as string);
      return;
    case 'opaque':
      w.bytes(value as Uint8Array);
      return;
    case 'boolean':
      w.boolean(value as boolean);
      return;
    case 'integer':
    case 'unsigned':
      // An integer number is written as it is: no bigint per value.
      w.integer(typeof value === 'number' && Number.isInteger(value) ? value : toBigInt(value) ?? 0n);
      return;
    case 'float':
      w.float(value as number, options.floatWidth ?? 'shortest');
      return;
    case 'time': {
      const mode = options.cborTime ?? (family === 'lwm2m-cbor' ? 'untagged' : 'epoch-tag');
      const b = typeof value === 'number' && Number.isInteger(value) ? value : toBigInt(value) ?? 0n;
      if (mode === 'rfc3339-tag') w.tag(0).text(secondsToRfc3339(Number(b)));
      else if (mode === 'epoch-tag') w.tag(1).integer(b);
      else w.integer(b);
      return;
    }
    case 'objlnk': {
      const link = value as ObjectLink;
      w.text(`${link.objectId}:${link.instanceId}${options.objlnkTrailingNul ? '\u0000' : ''}`);
      return;
    }
    case 'none':
      w.null();
      return;
  }
}
