// int-304/305: Lifetime given pmin/pmax, then an Observe-Composite over three paths.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerObservation } from '../../../harness/run/case-server.ts';
import { CF, codeOf, configured, decoded, on, periods, valuesOf } from '../dm-steps.ts';
import { requireObserved } from './observe-steps.ts';

/** The three observed paths: the Lifetime of the device's server account, Error Code and Binding. */
export function compositePaths(ctx: CaseContext): string[] {
  return [ctx.device.serverAccount.resource(1), '/3/0/11/0', '/3/0/16'];
}

export async function observeComposite(ctx: CaseContext): Promise<{ observation: ServerObservation; since: number; at: number }> {
  await configured(ctx, 'C.1');
  const { pmin, pmax } = periods(ctx);
  const format = ctx.target.features.has('format:senml-json') ? CF.senmlJson : CF.senmlCbor;
  const paths = compositePaths(ctx);
  const wa = await ctx.server.writeAttributes(ctx.target.endpoint, paths[0]!, `pmin=${pmin}&pmax=${pmax}`);
  ctx.require('A', 'MUST', `Write-Attributes pmin=${pmin}&pmax=${pmax} on ${paths[0]} is answered 2.04`, codeOf(wa), '2.04', on(wa));
  const since = ctx.server.position();
  const observation = await ctx.server.observeComposite(ctx.target.endpoint, paths, format);
  const at = performance.now();
  requireObserved(ctx, 'B', 'Observe-Composite (FETCH, Observe=0)', observation);
  const values = valuesOf(decoded(observation.first));
  ctx.check('C', 'MUST', `The response holds ${paths.join(', ')}`, typeof values === 'string' ? values : paths.map((p) => (p in values ? p : `${p} missing`)), paths, on(observation.first));
  return { observation, since, at };
}
