// Benchmark inputs per content format: node lists whose encoded payload is close to a target
// size (mixed-type resources spread over instances), with the options to encode and the context
// to decode them.
import type { ContentFormatCodec, DecodeContext, EncodeOptions } from '../../harness/lwm2m/formats/codec.ts';
import type { ObjectModel, ValueType } from '../../harness/lwm2m/model/types.ts';
import type { LwM2mNode } from '../../harness/lwm2m/node.ts';

export interface BenchInput {
  readonly nodes: LwM2mNode[];
  readonly options: EncodeOptions;
  readonly context: DecodeContext;
}

const TYPES: ValueType[] = ['string', 'integer', 'float', 'boolean', 'opaque', 'time', 'objlnk', 'unsigned'];

/** Resource r of any object has type TYPES[r % 8]. */
export const benchModel: ObjectModel = {
  object: () => undefined,
  resource: (_o, r) => ({ id: r, name: `r${r}`, type: TYPES[r % TYPES.length] as ValueType, operations: 'RW', multiple: false, mandatory: false }),
};

/** Node k of the mixed list: 40 resources per instance of object 40000, types cycling. */
function mixedNode(k: number): LwM2mNode {
  const i = Math.floor(k / 40);
  const r = k % 40;
  const type = TYPES[r % TYPES.length] as ValueType;
  const value =
    type === 'string' ? `value-${k}` : type === 'integer' ? k * 1000003 : type === 'float' ? k + 0.25 : type === 'boolean' ? k % 2 === 0
      : type === 'opaque' ? new Uint8Array([k & 0xff, 1, 2, 3]) : type === 'time' ? 1700000000 + k : type === 'objlnk' ? { objectId: 3, instanceId: k & 0xffff } : k;
  return { path: `/40000/${i}/${r}`, type, value };
}

function linkText(target: number): string {
  const links: string[] = [];
  let size = 0;
  for (let k = 0; size < target; k++) {
    const l = `</${3300 + (k % 50)}/${k}>;pmin=10;pmax=60;ver=1.1`;
    links.push(l);
    size += l.length + 1;
  }
  return links.join(',');
}

/** The input for `codec` whose payload is about `target` bytes (at most 2 % above). */
export function benchInput(codec: ContentFormatCodec, target: number): BenchInput {
  if (codec.number === 0 || codec.number === 42 || codec.number === 60) {
    const type: ValueType = codec.number === 42 ? 'opaque' : 'string';
    const value = type === 'opaque' ? new Uint8Array(target).map((_, k) => k & 0xff) : 'x'.repeat(target);
    return { nodes: [{ path: '/40000/0/0', type, value }], options: {}, context: { path: '/40000/0/0', type } };
  }
  if (codec.number === 40) return { nodes: [{ path: '/', type: 'corelnk', value: linkText(target) }], options: {}, context: {} };
  const options: EncodeOptions = { path: '/40000' };
  const sizeOf = (count: number) => codec.encode(Array.from({ length: count }, (_, k) => mixedNode(k)), options).length;
  // Doubling, then bisection: a few encodes whatever the size, so building stays cheap even
  // for an encoder that is slow on large inputs.
  let high = 16;
  while (sizeOf(high) < target) high *= 2;
  let low = 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (sizeOf(mid) > target * 1.02) high = mid;
    else low = mid;
  }
  const nodes = Array.from({ length: low }, (_, k) => mixedNode(k));
  return { nodes, options, context: { path: '/40000', model: benchModel } };
}
