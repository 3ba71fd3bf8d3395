// int-302/303 (and 305) start like int-301: attributes on voltage and current, both observed,
// a first notification each. Then the server cancels and nothing more may come: a device that
// kept notifying would do so by pmax after its last notification, so pmax plus the tolerance
// after it is the whole silence window.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerEvent, ServerObservation } from '../../../harness/run/case-server.ts';
import { codeOf, configured, on, periods } from '../dm-steps.ts';
import { expectPeriodicNotification, requireObserved } from './observe-steps.ts';

/** How long nothing may arrive after a cancel for the silence to prove it: pmax plus the tolerance, ms. */
export function silenceWindowMs(on: Pick<CaseContext, 'target'>): number {
  const { pmax, toleranceMs } = periods(on);
  return pmax * 1000 + toleranceMs;
}

/**
 * Observes voltage and current and waits for a first notification of each (checks C, D), which
 * it returns with the observations. `resetFirst`: the server forgets both observations before
 * those notifications arrive, so that it answers the first of each with RST (int-302) instead
 * of waiting out another pmax for a second one.
 */
export async function observeVoltageAndCurrent(ctx: CaseContext, options: { resetFirst?: boolean } = {}): Promise<{ observations: ServerObservation[]; firsts: ServerEvent[] }> {
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
  if (options.resetFirst) await Promise.all(observations.map((o) => o.cancel('rst')));
  const since = ctx.server.position();
  const t0 = performance.now();
  const firsts = await Promise.all(observations.map((o, k) => expectPeriodicNotification(ctx, k === 0 ? 'C' : 'D', `First notification of ${k === 0 ? 'voltage' : 'current'}`, o, since, t0, 0, pmax)));
  void on;
  ctx.precondition(firsts.every(Boolean), 'the observations did not notify, so there is nothing to cancel');
  return { observations, firsts: firsts as ServerEvent[] };
}
