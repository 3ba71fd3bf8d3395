// The decoders' fast paths against their exact counterparts: the one-pass TLV, SenML CBOR,
// SenML JSON and OMA JSON decoders must give the exact decoder's nodes whenever they accept an input, the CBOR
// well-formedness check must fail exactly where CborReader fails, and canonicalPathIds must
// accept only what parsePath writes back unchanged.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCborItem } from '../../harness/lwm2m/cbor/check.ts';
import { CborReader } from '../../harness/lwm2m/cbor/reader.ts';
import { DecodeFailure, guard } from '../../harness/lwm2m/decode-error.ts';
import { contentFormat } from '../../harness/lwm2m/formats/index.ts';
import { recordsToNodes } from '../../harness/lwm2m/formats/senml.ts';
import { readSenmlCborRecords } from '../../harness/lwm2m/formats/senml-cbor.ts';
import { decodeSenmlCborFast } from '../../harness/lwm2m/formats/senml-cbor-fast.ts';
import { parseSenmlJsonRecords } from '../../harness/lwm2m/formats/senml-json.ts';
import { decodeSenmlJsonFast } from '../../harness/lwm2m/formats/senml-json-fast.ts';
import { decodeOmaJsonExact } from '../../harness/lwm2m/formats/oma-json.ts';
import { decodeOmaJsonFast } from '../../harness/lwm2m/formats/oma-json-fast.ts';
import { encodeLinkFormat, scanLinkFormat } from '../../harness/lwm2m/formats/link-format.ts';
import { isCanonicalLinkFormat } from '../../harness/lwm2m/formats/link-format-canonical.ts';
import { decodeTlvExact } from '../../harness/lwm2m/formats/tlv-decode.ts';
import { decodeTlvFast } from '../../harness/lwm2m/formats/tlv-fast.ts';
import { encodeTlv, encodeTlvGrouped } from '../../harness/lwm2m/formats/tlv.ts';
import { encodeLwm2mCbor, encodeLwm2mCborGrouped } from '../../harness/lwm2m/formats/lwm2m-cbor.ts';
import type { ValueType } from '../../harness/lwm2m/model/types.ts';
import type { LwM2mNode } from '../../harness/lwm2m/node.ts';
import type { DecodeContext } from '../../harness/lwm2m/formats/codec.ts';
import { canonicalPathIds, formatPath, parsePath } from '../../harness/lwm2m/path.ts';
import { fuzzModel, mutate, prng } from './fuzz-support.ts';

function sampleNodes(count: number): LwM2mNode[] {
  const types: ValueType[] = ['string', 'integer', 'float', 'boolean', 'opaque', 'time', 'objlnk', 'unsigned'];
  const nodes: LwM2mNode[] = [];
  for (let k = 0; k < count; k++) {
    const type = types[k % types.length] as ValueType;
    const value =
      type === 'string' ? `v-${k}-ü` : type === 'integer' ? k * 1000003 - 7 : type === 'float' ? k + 0.25 : type === 'boolean' ? k % 2 === 0
        : type === 'opaque' ? new Uint8Array([k, 1]) : type === 'time' ? 1700000000 + k : type === 'objlnk' ? { objectId: 3, instanceId: k } : k * 5;
    nodes.push({ path: `/3/${k % 2}/${k % 9}${k % 5 === 4 ? `/${k}` : ''}`, type, value });
  }
  return nodes;
}

/** Encoded payloads of a few node lists, then mutations of them. */
function payloads(format: string, extra: number): Array<{ payload: Uint8Array; path: string }> {
  const codec = contentFormat(format);
  const seeds: Array<{ payload: Uint8Array; path: string }> = [];
  for (const count of [1, 4, 9, 18]) {
    for (const path of ['/3', '/3/0']) {
      const nodes = sampleNodes(count).filter((n) => path === '/3' || n.path.startsWith('/3/0/'));
      try {
        if (nodes.length > 0) seeds.push({ payload: codec?.encode(nodes, { path }) ?? new Uint8Array(0), path });
      } catch {
        // a node list the format cannot carry at that path: not a seed
      }
    }
  }
  const next = prng(0x5eed);
  const out = [...seeds];
  for (let k = 0; k < extra; k++) {
    const seed = seeds[k % seeds.length] as { payload: Uint8Array; path: string };
    out.push({ payload: mutate(seed.payload, next), path: ['/3', '/3/0', '/3/1/2', seed.path][next() % 4] as string });
  }
  return out;
}

/** A JSON format's fast path gives the exact decoder's nodes on every text it accepts (encoded payloads and their mutations). */
function agreesOnJsonText(
  format: string,
  fast: (text: string, context: DecodeContext) => LwM2mNode[] | undefined,
  exact: (text: string, context: DecodeContext) => unknown,
): void {
  let accepted = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Mutated JSON text is rarely still the common case: more mutations than for the binary formats.
  for (const { payload, path } of payloads(format, 60_000)) {
    let text: string;
    try {
      text = decoder.decode(payload);
    } catch {
      continue; // not UTF-8: both decoders see the same error before parsing
    }
    const context = { path, model: fuzzModel };
    const nodes = fast(text, context);
    if (nodes === undefined) continue;
    accepted++;
    expect(exact(text, context)).toEqual({ ok: true, value: nodes });
  }
  expect(accepted).toBeGreaterThan(100);
}

describe('fast paths agree with the exact decoders', () => {
  it('TLV', () => {
    let accepted = 0;
    for (const { payload, path } of payloads('tlv', 20_000)) {
      const context = { path, model: fuzzModel };
      const fast = decodeTlvFast(payload, context);
      if (fast === undefined) continue;
      accepted++;
      expect(decodeTlvExact(payload, context)).toEqual({ ok: true, value: fast });
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('SenML CBOR', () => {
    let accepted = 0;
    for (const { payload, path } of payloads('senml-cbor', 20_000)) {
      const context = { path, model: fuzzModel };
      const fast = decodeSenmlCborFast(payload, context);
      if (fast === undefined) continue;
      accepted++;
      const exact = guard('senml-cbor', () => recordsToNodes(readSenmlCborRecords(payload), context, 'senml-cbor', (at) => ({ offset: at })));
      expect(exact).toEqual({ ok: true, value: fast });
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('SenML JSON', () => {
    agreesOnJsonText('senml-json', decodeSenmlJsonFast, (text, context) =>
      guard('senml-json', () => recordsToNodes(parseSenmlJsonRecords(text), context, 'senml-json', (at) => ({ position: at }))),
    );
  });

  it('OMA JSON', () => {
    agreesOnJsonText('oma-json', decodeOmaJsonFast, decodeOmaJsonExact);
  });
});

describe('encoders that write nodes in their order agree with the grouping encoders', () => {
  /** Bytes as hex, or the error's message. */
  const outcome = (run: () => Uint8Array): string => {
    try {
      return Buffer.from(run()).toString('hex');
    } catch (e) {
      return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  };
  // Few ids, so that orders, repeats and single/multiple clashes all come up.
  const node = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 6 })).map(
    ([i, r, ri, v]): LwM2mNode => {
      if (r === 3) return { path: `/3/${i}`, type: 'instance', value: [] };
      if (ri < 0 && v === 6) return { path: `/3/${i}/${r}`, type: 'multiple', value: [] };
      const path = ri < 0 ? `/3/${i}/${r}` : `/3/${i}/${r}/${ri}`;
      return v % 2 === 0 ? { path, type: 'integer', value: v * 1000 - 3000 } : { path, type: 'string', value: `s${v}` };
    },
  );
  const lists = fc.oneof(
    fc.array(node, { maxLength: 12 }),
    // Sorted lists: the in-order writer's own case.
    fc.array(node, { maxLength: 12 }).map((a) => a.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))),
  );

  it('TLV', () => {
    fc.assert(
      fc.property(lists, fc.constantFrom(undefined, '/3', '/3/0', '/3/1/2', '/3/0/1/1'), (nodes, path) => {
        const options = path === undefined ? {} : { path };
        expect(outcome(() => encodeTlv(nodes, options))).toBe(outcome(() => encodeTlvGrouped(nodes, options)));
      }),
      { numRuns: 20_000, seed: 13 },
    );
  });

  it('LwM2M CBOR', () => {
    // Some nodes moved to object 4, some given a Gateway prefix.
    const moved = fc.tuple(node, fc.integer({ min: 0, max: 9 })).map(([n, k]): LwM2mNode => {
      const path = k === 0 ? n.path.replace(/^\/3/, '/4') : n.path;
      return k === 1 ? { ...n, path, prefix: 'd1' } : { ...n, path };
    });
    const sorted = (a: LwM2mNode[]) => a.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    fc.assert(
      fc.property(fc.oneof(fc.array(moved, { maxLength: 12 }), fc.array(moved, { maxLength: 12 }).map(sorted), fc.array(node, { maxLength: 12 }).map(sorted)), (nodes) => {
        expect(outcome(() => encodeLwm2mCbor(nodes))).toBe(outcome(() => encodeLwm2mCborGrouped(nodes)));
      }),
      { numRuns: 20_000, seed: 19 },
    );
  });
});

describe('canonical link format', () => {
  it('is exactly what decodes with no deviation and encodes back to itself', () => {
    // Pieces of links, canonical and not, so that both answers come up often.
    const piece = fc.constantFrom('<', '>', '/', '</3/0>', '</>', '<//x>', ';', ';ct', ';ct=60', ';rt="oma.lwm2m"', ';x="a\\"b"', ';x="a\\b"', '=', '"', ',', ' ', '\n', '%2F', '%G', '?', '#', 'a', '0', ';ver=1.1', ';x=<b>', ';x=a,b', 'ü', ';é=1', '""', '</a?b>', '</a#b>', '</a%2fb>', '</a%g0>', '<3/0>', '<x:/a>', '</a b>');
    const text = fc.array(piece, { maxLength: 10 }).map((a) => a.join(''));
    let canonical = 0;
    fc.assert(
      fc.property(text, (t) => {
        const scanned = scanLinkFormat(t);
        const expected = scanned.ok && scanned.value.deviations.length === 0 && encodeLinkFormat(scanned.value.links) === t;
        if (isCanonicalLinkFormat(t)) canonical++;
        expect(isCanonicalLinkFormat(t)).toBe(expected);
      }),
      { numRuns: 30_000, seed: 17 },
    );
    expect(canonical).toBeGreaterThan(500);
  });
});

describe('checkCborItem', () => {
  const head = fc.constantFrom(0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x1c, 0x5f, 0x7f, 0x9f, 0xbf, 0x81, 0xa1, 0xc4, 0xf8, 0xf9, 0xfa, 0xfb, 0xff, 0x62, 0x5b, 0xc3, 0xa9, 0xed);
  const bytes = fc.array(fc.oneof(head, fc.integer({ min: 0, max: 255 })), { maxLength: 24 }).map((a) => new Uint8Array(a));
  const outcome = (run: () => number) => {
    try {
      return run();
    } catch (e) {
      return e instanceof DecodeFailure ? e.detail : e;
    }
  };

  it('ends or fails exactly where CborReader does', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const reader = new CborReader(b, 'cbor');
        const expected = outcome(() => (reader.read(), reader.pos));
        expect(outcome(() => checkCborItem(b, 0, 'cbor'))).toEqual(expected);
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('bounds nesting like CborReader', () => {
    for (const depth of [63, 64, 65]) {
      const b = new Uint8Array([...new Array<number>(depth).fill(0x81), 0x01]);
      const reader = new CborReader(b, 'cbor');
      expect(outcome(() => checkCborItem(b, 0, 'cbor'))).toEqual(outcome(() => (reader.read(), reader.pos)));
    }
  });
});

describe('canonicalPathIds', () => {
  it('accepts exactly the absolute paths that formatPath writes back unchanged', () => {
    const text = fc.array(fc.constantFrom('/', '0', '1', '5', '9', '6', 'a'), { maxLength: 16 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parsePath(t, { allowRelative: false });
        const canonical = parsed.ok && t !== '/' && formatPath(parsed.value) === t;
        const ids = canonicalPathIds(t);
        expect(ids).toEqual(canonical && parsed.ok ? parsed.value : undefined);
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });
});
