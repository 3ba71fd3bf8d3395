// int-302/303 (and 305) start like int-301: attributes on voltage and current, both observed,
// a first notification each. Then the server cancels and nothing more may come.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerObservation } from '../../../harness/run/case-server.ts';
import { codeOf, configured, on, periods } from '../dm-steps.ts';
import { expectPeriodicNotification, requireObserved } from './observe-steps.ts';

export async function observeVoltageAndCurrent(ctx: CaseContext): Promise<ServerObservation[]> {
  await configured(ctx, 'C.4');
  const { pmin, pmax } = periods(ctx);
  const observations: ServerObservation[] = [];
  for (const [k, path] of ['/3/0/7', '/3/0/8'].entries()) {
    const wa = await ctx.server.writeAttributes(ctx.target.endpoint, path, `pmin=${pmin}&pmax=${pmax}`);
    ctx.precondition(codeOf(wa) === '2.04', `Write-Attributes on ${path} gave ${codeOf(wa)}`);
    const since = ctx.server.position();
    const observation = await ctx.server.observe(ctx.target.endpoint, path);
    requireObserved(ctx, k === 0 ? 'A' : 'B', `Observe ${path}`, observation);
    observations.push(observation);
    void since;
  }
  const since = ctx.server.position();
  const t0 = performance.now();
  const firsts = await Promise.all(observations.map((o, k) => expectPeriodicNotification(ctx, k === 0 ? 'C' : 'D', `First notification of ${k === 0 ? 'voltage' : 'current'}`, o, since, t0, 0, pmax)));
  void on;
  ctx.precondition(firsts.every(Boolean), 'the observations did not notify, so there is nothing to cancel');
  return observations;
}
