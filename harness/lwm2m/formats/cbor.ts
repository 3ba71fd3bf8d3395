// application/cbor (content-format 60): one resource value as a single CBOR data item
// (Core §7.4.6, LwM2M 1.1+). The type comes from the model or the caller; otherwise from the item.

import { guard, type DecodeResult } from '../decode-error.ts';
import { readCborItem } from '../cbor/reader.ts';
import { CborWriter } from '../cbor/writer.ts';
import type { LwM2mNode } from '../node.ts';
import type { LwM2mValue } from '../value.ts';
import { DecodeFailure } from '../decode-error.ts';
import type { ContentFormatCodec, DecodeContext, EncodeOptions } from './codec.ts';
import { cborToValue, writeCborValue } from './cbor-value.ts';
import { leafNode, singleValuePath, singleValueType, theSingleLeaf } from './single-value.ts';

const FORMAT = 'cbor';

export function decodeCbor(payload: Uint8Array, context?: DecodeContext): DecodeResult<LwM2mNode[]> {
  return guard(FORMAT, () => {
    const item = readCborItem(payload, FORMAT);
    // Zephyr's encoder appends a NUL to objlnk text; accept it on input.
    const value = cborToValue(item, singleValueType(context), { stripNul: true });
    if (!value.ok) throw new DecodeFailure({ format: FORMAT, offset: 0, reason: value.reason });
    return [leafNode(singleValuePath(context), value.type, value.value)];
  });
}

export function encodeCbor(nodes: readonly LwM2mNode[], options: EncodeOptions = {}): Uint8Array {
  const node = theSingleLeaf(FORMAT, nodes);
  const w = new CborWriter();
  writeCborValue(w, node.type, node.value as LwM2mValue, options, 'cbor');
  return w.finish();
}

export const cborCodec: ContentFormatCodec = {
  number: 60,
  name: 'cbor',
  mediaType: 'application/cbor',
  decode: decodeCbor,
  encode: encodeCbor,
};
