// The one error shape every LwM2M decoder returns: which format, where in the input, and why.
// Decoders are total: they return a DecodeResult and never throw.

export interface DecodeError {
  /** Format name as in formats/index.ts (e.g. 'tlv', 'link-format', 'path'). */
  readonly format: string;
  /** Byte offset into a binary payload. */
  readonly offset?: number;
  /** Character position into a text payload (UTF-16 index). */
  readonly position?: number;
  readonly reason: string;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

export function ok<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(format: string, reason: string, where?: { offset?: number; position?: number }): DecodeResult<T> {
  const error: { format: string; reason: string; offset?: number; position?: number } = { format, reason };
  if (where?.offset !== undefined) error.offset = where.offset;
  if (where?.position !== undefined) error.position = where.position;
  return { ok: false, error };
}

/** Thrown inside a decoder to unwind, and caught at its entry point; never escapes a decoder. */
export class DecodeFailure extends Error {
  constructor(readonly detail: DecodeError) {
    super(detail.reason);
  }
}

/** Runs a decoder body that signals failure with DecodeFailure; anything else unexpected becomes a DecodeError too. */
export function guard<T>(format: string, body: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: body() };
  } catch (e) {
    if (e instanceof DecodeFailure) return { ok: false, error: e.detail };
    // A RangeError (stack, allocation) or a bug: still reported as a decode error, never thrown.
    return fail(format, `internal decoder failure: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Formats a DecodeError as one line, e.g. for the CLI. */
export function describeDecodeError(error: DecodeError): string {
  const where = error.offset !== undefined ? ` at byte ${error.offset}` : error.position !== undefined ? ` at position ${error.position}` : '';
  return `${error.format}: ${error.reason}${where}`;
}
