// int-304/305: Lifetime given pmin/pmax, then an Observe-Composite over three paths.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerObservation } from '../../../harness/run/case-server.ts';
import { CF, codeOf, configured, decoded, on, periods, valuesOf } from '../dm-steps.ts';
import { requireObserved } from './observe-steps.ts';

export const compositePaths = ['/1/0/1', '/3/0/11/0', '/3/0/16'];

export async function observeComposite(ctx: CaseContext): Promise<{ observation: ServerObservation; since: number; at: number }> {
  await configured(ctx, 'C.1');
  const { pmin, pmax } = periods(ctx);
  const format = ctx.target.features.has('format:senml-json') ? CF.senmlJson : CF.senmlCbor;
  const wa = await ctx.server.writeAttributes(ctx.target.endpoint, '/1/0/1', `pmin=${pmin}&pmax=${pmax}`);
  ctx.require('A', 'MUST', `Write-Attributes pmin=${pmin}&pmax=${pmax} on /1/0/1 is answered 2.04`, codeOf(wa), '2.04', on(wa));
  const since = ctx.server.position();
  const observation = await ctx.server.observeComposite(ctx.target.endpoint, compositePaths, format);
  const at = performance.now();
  requireObserved(ctx, 'B', 'Observe-Composite (FETCH, Observe=0)', observation);
  const values = valuesOf(decoded(observation.first));
  ctx.check('C', 'MUST', 'The response holds /1/0/1, /3/0/11/0 and /3/0/16', typeof values === 'string' ? values : compositePaths.map((p) => (p in values ? p : `${p} missing`)), compositePaths, on(observation.first));
  return { observation, since, at };
}
