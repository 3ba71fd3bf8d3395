// What the decoders' fast paths (TLV aside) share: the sentinel they throw to give up, and the
// frame that runs one for a decode context. A fast path reads the common case in one pass and
// gives up at the first thing outside it, valid or not; the exact decoder then decides, so only
// accepted input needs to match its result, and every error keeps its exact place and reason.

import type { LwM2mNode } from '../node.ts';
import { parsePath, type PathIds } from '../path.ts';
import type { DecodeContext } from './codec.ts';

/** Thrown to give up; caught once per decode, never per item. */
export const GIVE_UP = new Error('not the common case');

/**
 * The nodes `read` makes of the input, or undefined (then the exact decoder runs): for a context
 * with a root path or a request path that does not parse, when `read` gives up, and when the
 * model throws (the exact decoder reports it where its order says).
 */
export function runFastPath<I>(
  input: I,
  context: DecodeContext,
  read: (input: I, context: DecodeContext, request: PathIds) => LwM2mNode[] | undefined,
): LwM2mNode[] | undefined {
  if (context.rootPath !== undefined) return undefined;
  let request: PathIds = [];
  if (context.path !== undefined) {
    const parsed = parsePath(context.path);
    if (!parsed.ok) return undefined;
    request = parsed.value;
  }
  try {
    return read(input, context, request);
  } catch {
    return undefined;
  }
}
