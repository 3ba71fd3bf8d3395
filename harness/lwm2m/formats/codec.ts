// The contract every content-format module implements, and what decoders and encoders are told:
// the request path, where resource types come from (an ObjectModel or an explicit type), and the
// encoding choices on which implementations differ.

import type { DecodeResult } from '../decode-error.ts';
import type { ObjectModel, ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import type { PathIds } from '../path.ts';

export interface DecodeContext {
  /** Request path the payload answers or targets ('/3/0'); decoders resolve relative ids against it. */
  readonly path?: string;
  /** Source of resource types for formats without types on the wire. */
  readonly model?: ObjectModel;
  /** Explicit type of the target resource (single-value formats, or a model gap). */
  readonly type?: ValueType;
  /** Alternate path the client registered (rt="oma.lwm2m"), stripped from SenML/JSON names (Transport §6.4.1). */
  readonly rootPath?: string;
}

export type FloatWidth = 'shortest' | 'single' | 'double';

export interface EncodeOptions {
  /** Request path the payload answers; shapes TLV wrappers and SenML base names. */
  readonly path?: string;
  readonly model?: ObjectModel;
  /** Float width: TLV writes 4 or 8 bytes; CBOR formats f9/fa/fb. */
  readonly floatWidth?: FloatWidth;
  /** CBOR (60) Time: tag 1 epoch (default), tag 0 RFC 3339 text (Zephyr), or an untagged integer. */
  readonly cborTime?: 'epoch-tag' | 'rfc3339-tag' | 'untagged';
  /** CBOR (60) objlnk with Zephyr's trailing NUL byte; off by default (Core §7.3.11 has none). */
  readonly objlnkTrailingNul?: boolean;
  /**
   * SenML / OMA JSON base names: 'request' (default) puts the request path in bn and the rest in
   * n (Leshan); 'grouped' puts the instance path in bn and 'r' or 'r/ri' in n (Zephyr).
   */
  readonly senmlNames?: 'request' | 'grouped';
  /** Request paths of a composite operation: each becomes a SenML base-name group. */
  readonly requestPaths?: readonly string[];
  /** SenML time: 'per-record' repeats bn and bt on each timestamp (Leshan); 'relative': bt once, then t (Zephyr). */
  readonly senmlTime?: 'per-record' | 'relative';
  /** SenML CBOR: write bt as a tag-4 decimal fraction (Leshan). */
  readonly senmlDecimalTime?: boolean;
}

/** Input the encoder cannot represent (a caller error, e.g. two values in text/plain). */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  constructor(readonly format: string, reason: string) {
    super(`${format}: ${reason}`);
  }
}

export interface ContentFormatCodec {
  readonly number: number;
  readonly name: string;
  readonly mediaType: string;
  /** Text formats (JSON, link-format, text/plain) decode from UTF-8 bytes too. */
  decode(payload: Uint8Array, context?: DecodeContext): DecodeResult<LwM2mNode[]>;
  /** Throws EncodeError for input the format cannot carry. */
  encode(nodes: readonly LwM2mNode[], options?: EncodeOptions): Uint8Array;
}

export interface ResourceTyping {
  readonly type: ValueType | undefined;
  /** true / false when the model says whether the resource is multi-instance. */
  readonly multiple: boolean | undefined;
}

/** Type of resource /o/i/r: the explicit type when the request path is that resource, else the model. */
export function resourceTyping(context: DecodeContext, requestIds: PathIds, ids: PathIds): ResourceTyping {
  const o = ids[0];
  const r = ids[2];
  const def = o !== undefined && r !== undefined ? context.model?.resource(o, r) : undefined;
  let type = def?.type;
  if (context.type !== undefined && requestIds.length >= 3 && ids[0] === requestIds[0] && ids[2] === requestIds[2]) {
    type = context.type;
  }
  return { type, multiple: def?.multiple };
}
