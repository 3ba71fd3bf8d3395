// Runs the shared vectors whose expected value is not a node list: paths, object links,
// attribute queries, raw TLV records and values, raw SenML and OMA JSON documents, path lists,
// Execute arguments.
import { describe, expect, it } from 'vitest';
import { parsePath, pathParts } from '../../harness/lwm2m/path.ts';
import { decodeObjectLinkText, encodeObjectLinkText } from '../../harness/lwm2m/formats/objlnk.ts';
import { checkAttributes, formatAttributeQuery, parseAttributeQuery, type QueryAttribute } from '../../harness/lwm2m/attributes.ts';
import { hasViolation } from '../../harness/lwm2m/lint/finding.ts';
import { decodeTlvRecords, encodeTlvRecords, type TlvRecord, type TlvTree } from '../../harness/lwm2m/formats/tlv-records.ts';
import { decodeTlvValue, encodeTlvValue } from '../../harness/lwm2m/formats/tlv-value.ts';
import { fromHex, toHex } from '../../harness/lwm2m/bytes.ts';
import { valueFromJson, valueToJson } from '../../harness/lwm2m/node.ts';
import { decodeSenmlJsonPaths, encodeSenmlJsonPaths, formatSenmlJsonRecords, parseSenmlJsonRecords } from '../../harness/lwm2m/formats/senml-json.ts';
import { decodeSenmlCborPaths, readSenmlCborRecords, writeSenmlCborRecords } from '../../harness/lwm2m/formats/senml-cbor.ts';
import type { SenmlNumber, SenmlRecord } from '../../harness/lwm2m/formats/senml.ts';
import { parseExecuteArguments } from '../../harness/lwm2m/execute-args.ts';
import { plainDecimal } from '../../harness/lwm2m/formats/text-format.ts';
import type { ValueType } from '../../harness/lwm2m/model/types.ts';
import type { LwM2mValue } from '../../harness/lwm2m/value.ts';
import { sharedMissing, sharedMissingReason } from '../support/shared.ts';
import { OUT_OF_SCOPE_SHAPES } from './exceptions.ts';
import { loadVectors, type Vector } from './vectors.ts';
import { payloadOf, show } from './support.ts';

const label = sharedMissing ? sharedMissingReason : 'shared';

function shapeOf(v: Vector): string | undefined {
  const e = v.expected;
  if (typeof e === 'object' && e !== null && !Array.isArray(e)) return Object.keys(e).find((k) => k !== 'object' && k !== 'instance') ?? 'path';
  return undefined;
}

describe.skipIf(sharedMissing)(`path vectors (${label})`, () => {
  for (const v of loadVectors('path.json')) {
    it(v.id, () => {
      const parsed = parsePath(v.text ?? '');
      expect(parsed.ok, show(parsed)).toBe(true);
      if (parsed.ok) expect(pathParts(parsed.value)).toEqual(v.expected);
    });
  }
});

describe.skipIf(sharedMissing)(`objlnk vectors (${label})`, () => {
  for (const v of loadVectors('objlnk.json')) {
    it(`${v.id} (${v.direction})`, () => {
      if (v.expected === 'error') {
        expect(decodeObjectLinkText(v.text ?? '').ok).toBe(false);
        return;
      }
      const want = (v.expected as Array<{ value: string }>)[0]?.value as string;
      if (v.direction === 'decode') {
        const link = decodeObjectLinkText(v.text ?? '');
        expect(link.ok && encodeObjectLinkText(link.value)).toBe(want);
      } else {
        const link = decodeObjectLinkText(want);
        expect(link.ok && encodeObjectLinkText(link.value)).toBe(v.text);
      }
    });
  }
});

function attributesFromVector(list: Array<{ name: string; value?: unknown }>): QueryAttribute[] {
  return list.map((a) => (a.value === undefined ? { name: a.name } : { name: a.name, value: typeof a.value === 'number' ? plainDecimal(a.value) : String(a.value) }));
}

function attributesToVector(list: readonly QueryAttribute[]): Array<{ name: string; value?: unknown }> {
  return list.map((a) => (a.value === undefined ? { name: a.name } : { name: a.name, value: /^-?\d+(\.\d+)?$/.test(a.value) && a.name !== 'ver' ? Number(a.value) : a.value }));
}

describe.skipIf(sharedMissing)(`attribute vectors (${label})`, () => {
  const all = [...loadVectors('attributes.json'), ...loadVectors('spec-examples.json').filter((v) => shapeOf(v) === 'attributes')];
  for (const v of all) {
    it(`${v.id} (${v.direction})`, () => {
      const text = v.text ?? '';
      if (v.expected === 'error') {
        const parsed = parseAttributeQuery(text);
        const rejected = !parsed.ok || hasViolation(checkAttributes(parsed.value, v.path ? { path: v.path } : {}));
        expect(rejected, show(parsed)).toBe(true);
        return;
      }
      const expected = (v.expected as { attributes: Array<{ name: string; value?: unknown }> }).attributes;
      if (v.direction !== 'encode') {
        const parsed = parseAttributeQuery(text);
        expect(parsed.ok, show(parsed)).toBe(true);
        if (parsed.ok) expect(attributesToVector(parsed.value)).toEqual(expected);
      }
      if (v.direction !== 'decode') expect(formatAttributeQuery(attributesFromVector(expected))).toBe(text);
    });
  }
});

interface RawTlv {
  type: TlvRecord['kind'];
  id: number;
  value_hex?: string;
  children?: RawTlv[];
}

function tlvToRaw(records: readonly TlvRecord[]): RawTlv[] {
  return records.map((r) => (r.children ? { type: r.kind, id: r.id, children: tlvToRaw(r.children) } : { type: r.kind, id: r.id, value_hex: toHex(r.value ?? new Uint8Array(0)) }));
}

function rawToTlv(raw: readonly RawTlv[]): TlvTree[] {
  return raw.map((r) => (r.children ? { kind: r.type, id: r.id, children: rawToTlv(r.children) } : { kind: r.type, id: r.id, value: fromHex(r.value_hex ?? '') ?? new Uint8Array(0) }));
}

describe.skipIf(sharedMissing)(`raw TLV vectors (${label})`, () => {
  for (const v of loadVectors('tlv.json').filter((x) => shapeOf(x) === 'tlv' || shapeOf(x) === 'tlv_value' || (x.expected === 'error' && x.path == null))) {
    it(`${v.id} (${v.direction})`, () => {
      const bytes = payloadOf(v);
      if (v.expected === 'error') {
        if (shapeOf(v) === undefined && /value/.test(v.id)) {
          expect(decodeTlvValue(bytes, /objlnk/.test(v.id) ? 'objlnk' : 'integer').ok).toBe(false);
        } else {
          expect(decodeTlvRecords(bytes).ok).toBe(false);
        }
        return;
      }
      if (shapeOf(v) === 'tlv') {
        const raw = (v.expected as { tlv: RawTlv[] }).tlv;
        if (v.direction !== 'encode') {
          const decoded = decodeTlvRecords(bytes);
          expect(decoded.ok, show(decoded)).toBe(true);
          if (decoded.ok) expect(tlvToRaw(decoded.value)).toEqual(raw);
        }
        if (v.direction !== 'decode') expect(toHex(encodeTlvRecords(rawToTlv(raw)))).toBe(v.bytes_hex);
        return;
      }
      const { type, value } = (v.expected as { tlv_value: { type: ValueType; value: unknown } }).tlv_value;
      if (v.direction !== 'encode') {
        const decoded = decodeTlvValue(bytes, type);
        expect(decoded.ok, show(decoded)).toBe(true);
        if (decoded.ok) expect(valueToJson(type, decoded.value)).toEqual(value);
      }
      if (v.direction !== 'decode') {
        const parsed = valueFromJson(type, value);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(toHex(encodeTlvValue(type, parsed.value as LwM2mValue))).toBe(v.bytes_hex);
      }
    });
  }
});

function numberJson(n: SenmlNumber | undefined): unknown {
  if (n === undefined) return undefined;
  return 'int' in n ? Number(n.int) : n.float;
}

/** Raw records in the vector notation (vd as base64url text for JSON, hex for CBOR). */
function recordsToRaw(records: readonly SenmlRecord[], vd: (b: Uint8Array) => string): Array<Record<string, unknown>> {
  return records.map((r) => {
    const o: Record<string, unknown> = {};
    if (r.bn !== undefined) o.bn = r.bn;
    if (r.bt !== undefined) o.bt = numberJson(r.bt);
    if (r.n !== undefined) o.n = r.n;
    if (r.t !== undefined) o.t = numberJson(r.t);
    if (r.v !== undefined) o.v = numberJson(r.v);
    if (r.vs !== undefined) o.vs = r.vs;
    if (r.vb !== undefined) o.vb = r.vb;
    if (r.vd !== undefined) o.vd = vd(r.vd);
    if (r.vlo !== undefined) o.vlo = r.vlo;
    return o;
  });
}

function rawToRecords(raw: ReadonlyArray<Record<string, unknown>>, vd: (s: string) => Uint8Array): SenmlRecord[] {
  const num = (x: unknown): SenmlNumber | undefined => (typeof x === 'number' ? (Number.isInteger(x) ? { int: BigInt(x) } : { float: x }) : undefined);
  return raw.map((o) => {
    const r: SenmlRecord = { at: 0 };
    if (typeof o.bn === 'string') r.bn = o.bn;
    const bt = num(o.bt);
    if (bt) r.bt = bt;
    if (typeof o.n === 'string') r.n = o.n;
    const t = num(o.t);
    if (t) r.t = t;
    const v = num(o.v);
    if (v) r.v = v;
    if (typeof o.vs === 'string') r.vs = o.vs;
    if (typeof o.vb === 'boolean') r.vb = o.vb;
    if (typeof o.vd === 'string') r.vd = vd(o.vd);
    if (typeof o.vlo === 'string') r.vlo = o.vlo;
    return r;
  });
}

describe.skipIf(sharedMissing)(`raw SenML and path-list vectors (${label})`, () => {
  const all = [...loadVectors('senml_json.json'), ...loadVectors('senml_cbor.json'), ...loadVectors('spec-examples.json')].filter(
    (v) => (shapeOf(v) === 'senml' || shapeOf(v) === 'paths') && (v.content_format === 110 || v.content_format === 112),
  );
  for (const v of all) {
    it(`${v.id} (${v.direction})`, () => {
      const json = v.content_format === 110;
      if (shapeOf(v) === 'paths') {
        const paths = (v.expected as { paths: string[] }).paths;
        if (v.direction !== 'encode') {
          const decoded = json ? decodeSenmlJsonPaths(payloadOf(v)) : decodeSenmlCborPaths(payloadOf(v));
          expect(decoded.ok, show(decoded)).toBe(true);
          if (decoded.ok) expect(decoded.value).toEqual(paths);
        }
        if (v.direction !== 'decode') expect(new TextDecoder().decode(encodeSenmlJsonPaths(paths))).toBe(v.text);
        return;
      }
      const raw = (v.expected as { senml: Array<Record<string, unknown>> }).senml;
      const vdOut = (b: Uint8Array) => (json ? Buffer.from(b).toString('base64url') : toHex(b));
      const vdIn = (s: string) => (json ? new Uint8Array(Buffer.from(s, 'base64url')) : (fromHex(s) ?? new Uint8Array(0)));
      if (v.direction !== 'encode') {
        const records = json ? parseSenmlJsonRecords(v.text ?? '') : readSenmlCborRecords(payloadOf(v));
        const actual = recordsToRaw(records, vdOut);
        // Key order does not matter at the record level.
        expect(actual.map((o) => Object.fromEntries(Object.entries(o).sort()))).toEqual(raw.map((o) => Object.fromEntries(Object.entries(o).sort())));
      }
      if (v.direction !== 'decode') {
        const records = rawToRecords(raw, vdIn);
        if (json) expect(formatSenmlJsonRecords(records)).toBe(v.text);
        else expect(toHex(writeSenmlCborRecords(records))).toBe(v.bytes_hex);
      }
    });
  }
});

describe.skipIf(sharedMissing)(`raw OMA JSON vectors (${label})`, () => {
  for (const v of loadVectors('oma_json.json').filter((x) => shapeOf(x) === 'json')) {
    it(`${v.id} (${v.direction})`, () => {
      // JSON-level round trip: the document parses to the expected structure and back.
      expect(JSON.parse(v.text ?? '')).toEqual((v.expected as { json: unknown }).json);
      const again = JSON.parse(JSON.stringify((v.expected as { json: unknown }).json));
      expect(again).toEqual(JSON.parse(v.text ?? ''));
    });
  }
});

describe.skipIf(sharedMissing)(`execute-argument vectors (${label})`, () => {
  for (const v of loadVectors('spec-examples.json').filter((x) => shapeOf(x) === 'execute_args')) {
    it(v.id, () => {
      const parsed = parseExecuteArguments(v.text ?? '');
      expect(parsed.ok, show(parsed)).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual((v.expected as { execute_args: unknown }).execute_args);
    });
  }
});

describe.skipIf(sharedMissing)(`spec-examples outside the content formats (${label})`, () => {
  for (const v of loadVectors('spec-examples.json').filter((x) => OUT_OF_SCOPE_SHAPES.has(shapeOf(x) ?? ''))) {
    it.skip(`${v.id}: ${OUT_OF_SCOPE_SHAPES.get(shapeOf(v) ?? '')}`, () => {});
  }
  it('every spec example is run somewhere', () => {
    const handled = new Set(['links', 'attributes', 'paths', 'senml', 'execute_args', ...OUT_OF_SCOPE_SHAPES.keys()]);
    for (const v of loadVectors('spec-examples.json')) {
      const shape = shapeOf(v);
      if (shape !== undefined) expect(handled.has(shape), `${v.id}: ${shape}`).toBe(true);
    }
  });
});

