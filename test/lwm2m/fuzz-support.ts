// Seeds and a deterministic mutator for "every decoder returns nodes or a DecodeError, nothing
// else". Shared by the property tests and bench/codecs.
import { CODECS } from '../../harness/lwm2m/formats/index.ts';
import type { ContentFormatCodec, DecodeContext } from '../../harness/lwm2m/formats/codec.ts';
import { fromHex, utf8 } from '../../harness/lwm2m/bytes.ts';
import type { ObjectModel } from '../../harness/lwm2m/model/types.ts';
import { coreModel } from '../../harness/lwm2m/model/index.ts';

/** Valid payloads per content format, and the request path to decode them at. */
export const SEEDS: ReadonlyMap<number, ReadonlyArray<{ path?: string; payload: Uint8Array }>> = new Map([
  [0, [{ path: '/3/0/9', payload: utf8('100') }, { path: '/3/0/0', payload: utf8('Open Mobile Alliance') }]],
  [40, [{ payload: utf8('</>;rt="oma.lwm2m";ct="60 110 112",</1/0>,</3/0>;ver=1.1,</3303/0>') }]],
  [42, [{ path: '/5/0/0', payload: fromHex('0102030405') as Uint8Array }]],
  [60, [{ path: '/3/0/9', payload: fromHex('1864') as Uint8Array }, { path: '/3/0/13', payload: fromHex('c11a5182428f') as Uint8Array }]],
  [110, [{ path: '/3/0', payload: utf8('[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"9","v":95},{"n":"7/0","v":3800},{"n":"13","v":1367491215}]') }]],
  [112, [{ path: '/3/0', payload: fromHex('83a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e6365a200613902185fa20063372f3002190ed8') as Uint8Array }]],
  [11542, [{ path: '/3/0', payload: fromHex('c800144f70656e204d6f62696c6520416c6c69616e6365c10964870741000e42011388') as Uint8Array }]],
  [11543, [{ path: '/3/0', payload: utf8('{"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"9","v":95},{"n":"7/0","v":3800}]}') }]],
  [11544, [{ path: '/3/0', payload: fromHex('a1820300a206a200010105091864') as Uint8Array }]],
]);

/** xorshift32: deterministic, fast. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x5f, 0x7f, 0x9f, 0xbf, 0xf9, 0xfb, 0xc8, 0x08, 0x22, 0x2c, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d];

/** One mutated copy of `base`: flips, interesting bytes, truncation, duplication, insertion. */
export function mutate(base: Uint8Array, next: () => number): Uint8Array {
  let b: Uint8Array = base.slice();
  const rounds = 1 + (next() % 4);
  for (let k = 0; k < rounds; k++) {
    const op = next() % 6;
    const at = b.length === 0 ? 0 : next() % b.length;
    if (op === 0 && b.length > 0) b[at] = (b[at] as number) ^ (1 << (next() % 8));
    else if (op === 1 && b.length > 0) b[at] = INTERESTING[next() % INTERESTING.length] as number;
    else if (op === 2) b = b.slice(0, at);
    else if (op === 3 && b.length > 0) {
      const len = 1 + (next() % Math.min(8, b.length - at));
      const out = new Uint8Array(b.length + len);
      out.set(b.subarray(0, at + len));
      out.set(b.subarray(at), at + len);
      b = out;
    } else if (op === 4) {
      const out = new Uint8Array(b.length + 1);
      out.set(b.subarray(0, at));
      out[at] = next() & 0xff;
      out.set(b.subarray(at), at + 1);
      b = out;
    } else if (b.length > 0) b[at] = next() & 0xff;
  }
  return b;
}

export function randomBytes(next: () => number, maxLength = 48): Uint8Array {
  const out = new Uint8Array(next() % (maxLength + 1));
  for (let k = 0; k < out.length; k++) out[k] = next() & 0xff;
  return out;
}

/** undefined when the decoder behaved; otherwise what went wrong. */
export function checkDecode(codec: ContentFormatCodec, payload: Uint8Array, context: DecodeContext): string | undefined {
  let result;
  try {
    result = codec.decode(payload, context);
  } catch (e) {
    return `threw ${e instanceof Error ? e.stack : String(e)}`;
  }
  if (result.ok) {
    if (!Array.isArray(result.value)) return 'ok without a node list';
    for (const n of result.value) if (typeof n.path !== 'string' || typeof n.type !== 'string') return `bad node ${String(n)}`;
    return undefined;
  }
  const e = result.error;
  if (typeof e.reason !== 'string' || e.reason.length === 0 || typeof e.format !== 'string') return 'error without format or reason';
  if (e.reason.startsWith('internal decoder failure')) return e.reason;
  if (e.offset !== undefined && (e.offset < 0 || e.offset > payload.length)) return `offset ${e.offset} outside the payload`;
  return undefined;
}

export const fuzzModel: ObjectModel = coreModel();

export function codecsUnderFuzz(): ContentFormatCodec[] {
  return [...CODECS];
}
