// Read steps of the management cases: several reads judged together (code, Content-Format,
// decoded values), so one check covers one ETS pass criterion over all of them.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome } from '../../../harness/run/case-server.ts';
import { codeOf, decoded, valuesOf } from '../dm-steps.ts';

export interface Reads {
  outcomes: Record<string, Outcome>;
  codes: Record<string, string>;
  formats: Record<string, number | null>;
  values: Record<string, Record<string, unknown> | string>;
  first: Outcome;
}

/** Reads each path with the same Accept (undefined: none). */
export async function readAll(ctx: CaseContext, paths: readonly string[], accept?: number): Promise<Reads> {
  const outcomes: Record<string, Outcome> = {};
  for (const path of paths) outcomes[path] = await ctx.server.read(ctx.target.endpoint, path, accept);
  const map = <T>(f: (o: Outcome, path: string) => T) => Object.fromEntries(paths.map((p) => [p, f(outcomes[p]!, p)]));
  return {
    outcomes,
    codes: map((o) => codeOf(o)),
    formats: map((o) => o.response?.contentFormat ?? null),
    values: map((o, p) => valuesOf(decoded(o, p))),
    first: outcomes[paths[0]!]!,
  };
}

/** The same value for every path, for expected maps. */
export const each = <T>(paths: readonly string[], value: T): Record<string, T> => Object.fromEntries(paths.map((p) => [p, value]));
