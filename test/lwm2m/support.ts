// Helpers shared by the codec tests: payload bytes of a vector, a model derived from the vector's
// expected nodes (the vectors' types come from the source project's models), comparisons.
import type { ObjectModel, ResourceDef, ValueType } from '../../harness/lwm2m/model/types.ts';
import { coreModel } from '../../harness/lwm2m/model/index.ts';
import { fromHex, utf8 } from '../../harness/lwm2m/bytes.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';
import { ENCODER_DIALECTS } from '../../harness/lwm2m/formats/dialects.ts';
import type { EncodeOptions } from '../../harness/lwm2m/formats/codec.ts';
import type { Vector } from './vectors.ts';

export function payloadOf(v: Vector): Uint8Array {
  if (v.bytes_hex !== undefined) return fromHex(v.bytes_hex) ?? new Uint8Array(0);
  return utf8(v.text ?? '');
}

export interface RawNode {
  path: string;
  type: string;
  value: unknown;
  time?: number;
  prefix?: string;
}

/** Types (and multiplicity) from the expected nodes, falling back to the core objects. */
export function modelFromNodes(nodes: readonly RawNode[]): ObjectModel {
  const core = coreModel();
  const defs = new Map<string, { type: ValueType; multiple: boolean }>();
  for (const n of nodes) {
    const ids = parsePath(n.path);
    if (!ids.ok || ids.value.length < 3) continue;
    const key = `${ids.value[0]}/${ids.value[2]}`;
    if (n.type === 'multiple') {
      const d = defs.get(key);
      defs.set(key, { type: d?.type ?? 'integer', multiple: true });
      continue;
    }
    const prev = defs.get(key);
    // Two types for one resource id means the source had no model for it (types were inferred).
    const type = prev && prev.type !== n.type ? 'conflict' : (n.type as ValueType);
    defs.set(key, { type: type as ValueType, multiple: (prev?.multiple ?? false) || ids.value.length === 4 });
  }
  return {
    object: (o) => core.object(o),
    resource(o, r): ResourceDef | undefined {
      const d = defs.get(`${o}/${r}`);
      if (!d) return core.resource(o, r);
      if ((d.type as string) === 'conflict') return undefined;
      const c = core.resource(o, r);
      return { id: r, name: `r${r}`, type: d.type, operations: 'RW', multiple: d.multiple || (c?.multiple ?? false), mandatory: false };
    },
  };
}

export function profileOf(v: Vector): EncodeOptions {
  if (v.source.startsWith('zephyr/')) return ENCODER_DIALECTS.zephyr;
  if (v.source.startsWith('leshan/')) return ENCODER_DIALECTS.leshan;
  return ENCODER_DIALECTS.default;
}

/** Comparable form of a vector node: numbers rounded where the vectors round (time, floats). */
export function comparable(n: RawNode, ignorePath: boolean): RawNode {
  const out: RawNode = { path: ignorePath ? '' : n.path, type: n.type, value: n.value };
  if (typeof n.value === 'number' && n.type === 'float') out.value = Number(n.value.toPrecision(12));
  if (n.time !== undefined) out.time = Number(n.time.toFixed(3));
  if (n.prefix !== undefined) out.prefix = n.prefix;
  return out;
}

export function sortNodes(nodes: RawNode[]): RawNode[] {
  return [...nodes].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** JSON for assertion messages; bigint as decimal text. */
export function show(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
}
