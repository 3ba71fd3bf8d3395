// application/octet-stream (content-format 42): the raw bytes of one Opaque resource.

import { ok, type DecodeResult } from '../decode-error.ts';
import type { LwM2mNode } from '../node.ts';
import { EncodeError, type ContentFormatCodec, type DecodeContext } from './codec.ts';
import { leafNode, singleValuePath, theSingleLeaf } from './single-value.ts';

export function decodeOpaque(payload: Uint8Array, context?: DecodeContext): DecodeResult<LwM2mNode[]> {
  return ok([leafNode(singleValuePath(context), 'opaque', payload.slice())]);
}

export function encodeOpaque(nodes: readonly LwM2mNode[]): Uint8Array {
  const node = theSingleLeaf('opaque', nodes);
  if (node.type !== 'opaque' || !(node.value instanceof Uint8Array)) throw new EncodeError('opaque', `only opaque values, got ${node.type}`);
  return node.value.slice();
}

export const opaqueCodec: ContentFormatCodec = {
  number: 42,
  name: 'opaque',
  mediaType: 'application/octet-stream',
  decode: decodeOpaque,
  encode: encodeOpaque,
};
