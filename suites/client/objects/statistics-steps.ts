// Steps the Connectivity Statistics cases (int-901, 905, 910) share: Start and Stop of a
// collection (Execute /7/0/6, /7/0/7), and what a read of /7/0 says about the traffic counted.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome } from '../../../harness/run/case-server.ts';
import { codeOf, on } from '../dm-steps.ts';

export const START = '/7/0/6';
export const STOP = '/7/0/7';

/** The counters of a collection: Tx Data, Rx Data (kB), Max and Average Message Size (B); null when absent. */
export interface Counters {
  readonly tx: number | null;
  readonly rx: number | null;
  readonly max: number | null;
  readonly average: number | null;
}

export function countersOf(values: Record<string, unknown> | string): Counters | string {
  if (typeof values === 'string') return values;
  const n = (path: string) => (typeof values[path] === 'number' ? (values[path] as number) : null);
  return { tx: n('/7/0/2'), rx: n('/7/0/3'), max: n('/7/0/4'), average: n('/7/0/5') };
}

/** Whether the counters show traffic: a Max Message Size above 0, else Tx or Rx Data above 0. */
export function counted(c: Counters | string): boolean {
  if (typeof c === 'string') return false;
  if (c.max !== null) return c.max > 0;
  return (c.tx ?? 0) + (c.rx ?? 0) > 0;
}

/** Execute of Start or Stop, required to be answered 2.04 (check `id`). */
export async function execute(ctx: CaseContext, id: string, path: typeof START | typeof STOP): Promise<Outcome> {
  const outcome = await ctx.server.execute(ctx.target.endpoint, path);
  ctx.require(id, 'MUST', `Execute ${path} (${path === START ? 'Start' : 'Stop'}) is answered 2.04 Changed`, codeOf(outcome), '2.04', on(outcome));
  return outcome;
}
