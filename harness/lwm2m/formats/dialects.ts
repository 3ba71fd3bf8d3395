// Encoder dialects: the choices widely used implementations make when they write payloads, so
// peers can imitate them and vectors taken from them compare byte for byte. ("Profile" means the
// target profile everywhere else.)

import type { EncodeOptions } from './codec.ts';

export const ENCODER_DIALECTS = {
  /** Spec-preferred forms: shortest CBOR floats, request-path base names. */
  default: {},
  /** Zephyr: 8-byte floats, instance-level SenML bn, relative SenML t, CBOR time as tag 0 text, objlnk with NUL in CBOR 60. */
  zephyr: { floatWidth: 'double', senmlNames: 'grouped', senmlTime: 'relative', cborTime: 'rfc3339-tag', objlnkTrailingNul: true },
  /** Leshan: 8-byte floats (Double), bn = request path, bn and bt repeated per timestamp, bt as tag 4 in SenML CBOR. */
  leshan: { floatWidth: 'double', senmlNames: 'request', senmlTime: 'per-record', senmlDecimalTime: true },
} as const satisfies Record<string, EncodeOptions>;

export type EncoderDialect = keyof typeof ENCODER_DIALECTS;
