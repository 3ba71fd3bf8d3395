// Runs every node-list vector of ../shared/vectors against the content-format codecs.
import { describe, expect, it } from 'vitest';
import { contentFormat } from '../../harness/lwm2m/formats/index.ts';
import { fromVectorNodes, toVectorNode } from '../../harness/lwm2m/node.ts';
import { toHex, fromUtf8 } from '../../harness/lwm2m/bytes.ts';
import { EncodeError, type DecodeContext, type EncodeOptions } from '../../harness/lwm2m/formats/codec.ts';
import type { ValueType } from '../../harness/lwm2m/model/types.ts';
import { sharedMissing, sharedMissingReason } from '../support/shared.ts';
import { exceptionFor } from './exceptions.ts';
import { loadVectors, type Vector } from './vectors.ts';
import { comparable, modelFromNodes, payloadOf, profileOf, show, sortNodes, type RawNode } from './support.ts';

const SINGLE_VALUE = new Set([0, 42, 60]);
const FILES: Array<[string, string]> = [
  ['tlv.json', 'tlv'],
  ['plain_text.json', 'text'],
  ['cbor.json', 'cbor'],
  ['lwm2m_cbor.json', 'lwm2m-cbor'],
  ['senml_cbor.json', 'senml-cbor'],
  ['senml_json.json', 'senml-json'],
  ['oma_json.json', 'oma-json'],
  ['spec-examples.json', 'spec-examples'],
];

function isNodeVector(v: Vector): boolean {
  return (Array.isArray(v.expected) || v.expected === 'error') && typeof v.content_format === 'number' && v.content_format !== 40;
}

function requestPathsFromPayload(v: Vector): string[] | undefined {
  // Composite encode vectors lost their request paths; the payload's bn values carry them.
  if (v.path || (v.content_format !== 110 && v.content_format !== 112) || v.text === undefined) return undefined;
  try {
    const recs = JSON.parse(v.text) as Array<{ bn?: string }>;
    return recs.flatMap((r) => (r.bn ? [r.bn.replace(/\/$/, '')] : []));
  } catch {
    return undefined;
  }
}

function run(v: Vector): void {
  const cf = v.content_format as number;
  const codec = contentFormat(cf);
  expect(codec, `content format ${cf}`).toBeDefined();
  if (!codec) return;
  const single = SINGLE_VALUE.has(cf);
  const { path, rootPath } = requestPathOf(v);
  if (v.expected === 'error') {
    if (v.direction === 'encode' && v.bytes_hex === undefined && v.text === undefined) {
      return; // encode refusals without input nodes are covered by the notes-driven tests below
    }
    const nodesHint = [] as RawNode[];
    const context: DecodeContext = { ...(path ? { path } : {}), ...(rootPath ? { rootPath } : {}), model: modelFromNodes(nodesHint) };
    const typed = guessSingleType(v);
    const result = codec.decode(payloadOf(v), typed ? { ...context, type: typed } : context);
    expect(result.ok, show(result)).toBe(false);
    return;
  }
  const expected = v.expected as RawNode[];
  const model = modelFromNodes(expected);
  const context: DecodeContext = {
    ...(path ? { path } : {}),
    ...(rootPath ? { rootPath } : {}),
    model,
    ...(single && expected[0] ? { type: expected[0].type as ValueType } : {}),
  };
  if (v.direction !== 'encode') {
    const result = codec.decode(payloadOf(v), context);
    expect(result.ok, show(result)).toBe(true);
    if (result.ok) {
      const actual = result.value.map((n) => comparable(withPrefixInPath(toVectorNode(n) as RawNode, expected), single));
      const want = expected.map((n) => comparable(n, single));
      expect(sortNodes(actual)).toEqual(sortNodes(want));
    }
  }
  if (v.direction !== 'decode') {
    const nodes = fromVectorNodes(expected);
    expect(nodes.ok, nodes.ok ? '' : nodes.reason).toBe(true);
    if (!nodes.ok) return;
    const requestPaths = requestPathsFromPayload(v);
    const options: EncodeOptions = { ...profileOf(v), ...(path ? { path } : {}), ...(requestPaths ? { requestPaths } : {}) };
    const bytes = codec.encode(nodes.value, options);
    if (v.source.startsWith('OMA-TS') && v.text !== undefined) {
      // TS examples are pretty-printed and laid out by hand: compare what the payload means.
      const back = codec.decode(bytes, context);
      expect(back.ok).toBe(true);
      if (back.ok) expect(back.value.map((n) => comparable(toVectorNode(n) as RawNode, single))).toEqual(expected.map((n) => comparable(n, single)));
    } else if (v.bytes_hex !== undefined) expect(toHex(bytes)).toBe(v.bytes_hex);
    else if (/semantic compare/i.test(v.notes ?? '')) expect(JSON.parse(fromUtf8(bytes) ?? '')).toEqual(JSON.parse(v.text ?? ''));
    else expect(fromUtf8(bytes)).toBe(v.text);
  }
}

/**
 * The request path a vector gives, split into the LwM2M path and what is not one: the Send
 * URI '/dp', an alternate path '/lwm2m', a Gateway prefix '/d01' (names carry it instead).
 */
function requestPathOf(v: Vector): { path?: string; rootPath?: string } {
  if (!v.path) return {};
  const bare = v.path.split('?')[0] as string;
  const m = /^\/([^/0-9][^/]*)(\/.*)?$/.exec(bare);
  if (!m) return { path: bare };
  if (m[1] === 'dp') return {};
  if (m[1] === 'lwm2m') return { path: m[2] ?? '/', rootPath: '/lwm2m' };
  return m[2] ? { path: m[2] } : {};
}

/** Vectors outside the README model write a Gateway prefix into the path instead of 'prefix'. */
function withPrefixInPath(n: RawNode, expected: readonly RawNode[]): RawNode {
  if (n.prefix === undefined || expected.some((e) => e.prefix !== undefined)) return n;
  const { prefix, ...rest } = n;
  return { ...rest, path: `/${prefix}${n.path}` };
}

/** Single-value error vectors name the reader type in their id (get_s32, get_float...). */
function guessSingleType(v: Vector): ValueType | undefined {
  if (!SINGLE_VALUE.has(v.content_format as number)) return undefined;
  const id = v.id;
  if (/s32|s64|s8|s16|int/.test(id)) return 'integer';
  if (/float/.test(id)) return 'float';
  if (/bool/.test(id)) return 'boolean';
  if (/objlnk/.test(id)) return 'objlnk';
  if (/opaque|base64/.test(id)) return 'opaque';
  if (/string/.test(id)) return 'string';
  return undefined;
}

describe.skipIf(sharedMissing)(`node vectors (${sharedMissing ? sharedMissingReason : 'shared'})`, () => {
  for (const [file, suite] of FILES) {
    describe(file, () => {
      for (const v of loadVectors(file).filter(isNodeVector)) {
        const exception = exceptionFor(suite, v.id);
        it.skipIf(exception !== undefined)(`${v.id} (${v.direction})`, () => run(v));
      }
    });
  }
});

describe.skipIf(sharedMissing)('encode refusals', () => {
  it('text/plain refuses a multi-instance resource (text-leshan-encode-multiple-error)', () => {
    const codec = contentFormat(0);
    const nodes = fromVectorNodes([
      { path: '/3/0/6/0', type: 'integer', value: 1 },
      { path: '/3/0/6/1', type: 'integer', value: 5 },
    ]);
    expect(nodes.ok).toBe(true);
    if (nodes.ok) expect(() => codec?.encode(nodes.value, { path: '/3/0/6' })).toThrow(EncodeError);
  });
});
