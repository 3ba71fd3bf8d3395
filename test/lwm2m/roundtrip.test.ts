// encode -> decode round trips for every format and every type it carries (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentFormat } from '../../harness/lwm2m/formats/index.ts';
import { decodeLinkFormat, encodeLinkFormat, type Link } from '../../harness/lwm2m/formats/link-format.ts';
import type { LwM2mNode } from '../../harness/lwm2m/node.ts';
import { toVectorNode } from '../../harness/lwm2m/node.ts';
import type { ObjectModel, ValueType } from '../../harness/lwm2m/model/types.ts';
import type { LwM2mValue } from '../../harness/lwm2m/value.ts';
import { show } from './support.ts';

const RUNS = 300;
const INT64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
const UINT64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const compact = (b: bigint): number | bigint => (b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b);

function valueArb(type: ValueType, finiteFloats: boolean): fc.Arbitrary<LwM2mValue> {
  switch (type) {
    case 'string':
    case 'corelnk':
      return fc.string({ unit: 'grapheme', maxLength: 20 });
    case 'integer':
    case 'time':
      return INT64.map(compact);
    case 'unsigned':
      return UINT64.map(compact);
    case 'float':
      return finiteFloats ? fc.double({ noNaN: true, noDefaultInfinity: true }) : fc.double();
    case 'boolean':
      return fc.boolean();
    case 'opaque':
      return fc.uint8Array({ maxLength: 40 });
    case 'objlnk':
      return fc.record({ objectId: fc.integer({ min: 0, max: 65535 }), instanceId: fc.integer({ min: 0, max: 65535 }) });
    case 'none':
      return fc.constant(null);
  }
}

/** A model where resource r of object 40000 has type TYPES[r % n]; resources >= 100 are multiple. */
const TYPES: ValueType[] = ['string', 'integer', 'unsigned', 'float', 'boolean', 'opaque', 'time', 'objlnk', 'corelnk'];
const model: ObjectModel = {
  object: () => undefined,
  resource: (_o, r) => ({ id: r, name: `r${r}`, type: TYPES[r % TYPES.length] as ValueType, operations: 'RW', multiple: r >= 100, mandatory: false }),
};

function instanceArb(types: readonly ValueType[], finiteFloats: boolean): fc.Arbitrary<LwM2mNode[]> {
  const single = fc.uniqueArray(fc.integer({ min: 0, max: 98 }).filter((r) => types.includes(TYPES[r % TYPES.length] as ValueType)), { minLength: 1, maxLength: 6 });
  return single.chain((ids) =>
    fc.tuple(...ids.map((r) => valueArb(TYPES[r % TYPES.length] as ValueType, finiteFloats).map((value) => ({ path: `/40000/1/${r}`, type: TYPES[r % TYPES.length] as ValueType, value })))),
  );
}

const view = (nodes: readonly LwM2mNode[]) => nodes.map((n) => toVectorNode(n));

describe('round trips through the node formats', () => {
  const cases: Array<{ format: string; types: ValueType[]; finite: boolean }> = [
    { format: 'tlv', types: TYPES, finite: false },
    { format: 'senml-json', types: TYPES, finite: true },
    { format: 'senml-cbor', types: TYPES, finite: false },
    { format: 'lwm2m-cbor', types: TYPES, finite: false },
    { format: 'oma-json', types: TYPES, finite: true },
  ];
  for (const { format, types, finite } of cases) {
    it(`${format}: one instance with mixed types`, () => {
      const codec = contentFormat(format);
      fc.assert(
        fc.property(instanceArb(types, finite), (nodes) => {
          const bytes = codec?.encode(nodes, { path: '/40000/1' }) as Uint8Array;
          const back = codec?.decode(bytes, { path: '/40000/1', model });
          expect(back?.ok, show(back)).toBe(true);
          if (back?.ok) expect(view(back.value)).toEqual(view(nodes));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('tlv and lwm2m-cbor: multi-instance resources and several instances', () => {
    const arb = fc.tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 65534 }), { minLength: 1, maxLength: 4 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 4 }),
      INT64,
    );
    fc.assert(
      fc.property(arb, ([instances, ris, v]) => {
        const nodes: LwM2mNode[] = instances.flatMap((i) => ris.map((ri) => ({ path: `/40000/${i}/109/${ri}`, type: 'integer' as const, value: compact(v) })));
        for (const format of ['tlv', 'lwm2m-cbor', 'senml-cbor']) {
          const codec = contentFormat(format);
          const bytes = codec?.encode(nodes, { path: '/40000' }) as Uint8Array;
          const back = codec?.decode(bytes, { path: '/40000', model: { ...model, resource: (o, r) => ({ ...(model.resource(o, r) as NonNullable<ReturnType<ObjectModel['resource']>>), type: 'integer', multiple: true }) } });
          expect(back?.ok, `${format} ${show(back)}`).toBe(true);
          if (back?.ok) expect(view(back.value)).toEqual(view(nodes));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('round trips through the single-value formats', () => {
  const singles: Array<{ format: string; types: ValueType[] }> = [
    { format: 'text', types: ['string', 'integer', 'unsigned', 'float', 'boolean', 'opaque', 'time', 'objlnk', 'corelnk'] },
    { format: 'cbor', types: ['string', 'integer', 'unsigned', 'float', 'boolean', 'opaque', 'time', 'objlnk', 'corelnk', 'none'] },
    { format: 'opaque', types: ['opaque'] },
  ];
  for (const { format, types } of singles) {
    for (const type of types) {
      it(`${format}: ${type}`, () => {
        const codec = contentFormat(format);
        fc.assert(
          fc.property(valueArb(type, format === 'text'), (value) => {
            const nodes: LwM2mNode[] = [{ path: '/40000/0/1', type, value }];
            const bytes = codec?.encode(nodes) as Uint8Array;
            const back = codec?.decode(bytes, { path: '/40000/0/1', type });
            expect(back?.ok, show(back)).toBe(true);
            if (back?.ok) expect(view(back.value)).toEqual(view(nodes));
          }),
          { numRuns: RUNS },
        );
      });
    }
  }
});

describe('link-format round trip', () => {
  const token = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
  const linkArb: fc.Arbitrary<Link> = fc.record({
    uri: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 4 }).map((ids) => `/${ids.join('/')}`),
    attributes: fc.array(
      fc.oneof(
        token.map((name) => ({ name })),
        fc.tuple(token, fc.stringMatching(/^[A-Za-z0-9.:/-]{1,10}$/)).map(([name, value]) => ({ name, value })),
        fc.tuple(token, fc.string({ maxLength: 12 }).filter((s) => !s.includes('\\'))).map(([name, value]) => ({ name, value, quoted: true })),
      ),
      { maxLength: 4 },
    ),
  });
  it('encode then decode gives the links back', () => {
    fc.assert(
      fc.property(fc.array(linkArb, { maxLength: 6 }), (links) => {
        const back = decodeLinkFormat(encodeLinkFormat(links));
        expect(back.ok, show(back)).toBe(true);
        if (back.ok) expect(back.value).toEqual(links);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
