// LwM2M Time in CBOR: tag 1 (epoch number), tag 0 (RFC 3339 text), or an untagged integer.

import { CborFloat, CborTag, cborInteger, type CborValue } from '../cbor/reader.ts';
import { compactInteger, inInt64 } from '../value.ts';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function rfc3339ToSeconds(text: string): number | undefined {
  if (!RFC3339.test(text)) return undefined;
  const ms = Date.parse(text.replace(/-00:00$/, 'Z'));
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

export function secondsToRfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '-00:00');
}

/** A Time value from CBOR, or a reason. */
export function cborToTime(item: CborValue): { ok: true; value: number | bigint } | { ok: false; reason: string } {
  let inner = item;
  if (item instanceof CborTag) {
    if (item.tag === 0) {
      if (typeof item.value !== 'string') return { ok: false, reason: 'tag 0 needs a text string' };
      const s = rfc3339ToSeconds(item.value);
      return s === undefined ? { ok: false, reason: `tag 0 text '${item.value}' is not RFC 3339` } : { ok: true, value: s };
    }
    if (item.tag !== 1) return { ok: false, reason: `tag ${item.tag} is not a time` };
    inner = item.value;
  }
  if (inner instanceof CborFloat) {
    if (!Number.isFinite(inner.value)) return { ok: false, reason: 'time is not finite' };
    return { ok: true, value: Math.floor(inner.value) };
  }
  const b = cborInteger(inner);
  if (b === undefined || !inInt64(b)) return { ok: false, reason: 'time needs a signed 64-bit integer' };
  return { ok: true, value: compactInteger(b) };
}
