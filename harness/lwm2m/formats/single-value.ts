// Shared by the single-value formats (text/plain, opaque, CBOR 60): which resource the payload
// is for and what its type is, from the explicit type, the model, or a fallback.

import type { ValueType } from '../model/types.ts';
import { parsePath } from '../path.ts';
import type { LwM2mNode } from '../node.ts';
import { EncodeError, type DecodeContext } from './codec.ts';

/** The node path to report: the request path when it names a resource or resource instance, else ''. */
export function singleValuePath(context: DecodeContext | undefined): string {
  const path = context?.path;
  if (path === undefined) return '';
  const ids = parsePath(path);
  return ids.ok && ids.value.length >= 3 ? path : '';
}

export function singleValueType(context: DecodeContext | undefined): ValueType | undefined {
  if (context?.type !== undefined) return context.type;
  const path = context?.path;
  if (path === undefined || context?.model === undefined) return undefined;
  const ids = parsePath(path);
  if (!ids.ok || ids.value.length < 3) return undefined;
  return context.model.resource(ids.value[0] as number, ids.value[2] as number)?.type;
}

/** The one leaf node a single-value format can carry; anything else is an EncodeError. */
export function theSingleLeaf(format: string, nodes: readonly LwM2mNode[]): LwM2mNode & { type: ValueType } {
  if (nodes.length !== 1) throw new EncodeError(format, `carries exactly one value, got ${nodes.length}`);
  const node = nodes[0] as LwM2mNode;
  if (node.type === 'instance' || node.type === 'multiple') throw new EncodeError(format, `cannot carry an empty ${node.type}`);
  return node as LwM2mNode & { type: ValueType };
}

export function leafNode(path: string, type: ValueType, value: LwM2mNode['value']): LwM2mNode {
  return { path, type, value };
}
