// Steps the Connectivity Monitoring, Location and Connectivity Statistics cases (int-701 … 910)
// share: the device registered with the object's instance /o/0 (ETS C.5, C.7, C.9: C.1 plus that
// instance), reading an instance in the richest format the profile claims, and the "Basic
// Observation" the three objects have in common (Write-Attributes pmin/pmax on the instance,
// Observe, a notification within the period).
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome, ServerEvent, ServerObservation } from '../../../harness/run/case-server.ts';
import { codeOf, configured, decoded, multiValueFormat, on, periods, valuesOf } from '../dm-steps.ts';
import { establishedAt, expectPeriodicNotification, requireObserved } from '../reporting/observe-steps.ts';

/** The device registered in C.1 and holding instance `path` (e.g. '/4/0'); else the case is inconclusive, naming the configuration. */
export async function instanceConfigured(ctx: CaseContext, path: string, config: string): Promise<void> {
  await configured(ctx, 'C.1');
  const read = await readInstance(ctx, path);
  ctx.precondition(codeOf(read.outcome) === '2.05', `the device has no instance ${path} (ETS ${config}): reading it was answered ${codeOf(read.outcome)}`);
}

/** A Read of an instance in a multi-value format the profile claims (else the device's default), and its values by path. */
export async function readInstance(ctx: CaseContext, path: string): Promise<{ outcome: Outcome; values: Record<string, unknown> | string }> {
  const outcome = await ctx.server.read(ctx.target.endpoint, path, multiValueFormat(ctx));
  return { outcome, values: codeOf(outcome) === '2.05' ? valuesOf(decoded(outcome, path)) : `answered ${codeOf(outcome)}` };
}

/** The resource ids present in decoded values of one instance ('/4/0/1/0' counts for 1). */
export function resourceIds(values: Record<string, unknown> | string, instance: string): number[] {
  if (typeof values === 'string') return [];
  const ids = Object.keys(values).filter((p) => p.startsWith(`${instance}/`)).map((p) => Number(p.slice(instance.length + 1).split('/')[0]));
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Values of a multiple resource ('/4/0/4' → ['127.0.0.1']). */
export function instancesOf(values: Record<string, unknown> | string, resource: string): unknown[] {
  if (typeof values === 'string') return [];
  return Object.entries(values).filter(([p]) => p.startsWith(`${resource}/`)).map(([, v]) => v);
}

/**
 * The ETS's basic observation of an instance: Write-Attributes pmin/pmax on it (check `ids[0]`),
 * Observe it (check `ids[1]`), a notification between pmin and pmax (check `ids[2]`). The
 * observation is cancelled after the case. Returns it, with the notification.
 */
export async function basicObservation(ctx: CaseContext, path: string, ids: readonly [string, string, string]): Promise<{ observation: ServerObservation; notification: ServerEvent | undefined; since: number }> {
  const { pmin, pmax } = periods(ctx);
  const wa = await ctx.server.writeAttributes(ctx.target.endpoint, path, `pmin=${pmin}&pmax=${pmax}`);
  ctx.require(ids[0], 'MUST', `Write-Attributes pmin=${pmin}&pmax=${pmax} on ${path} is answered 2.04`, codeOf(wa), '2.04', on(wa));
  const since = ctx.server.position();
  const observation = await ctx.server.observe(ctx.target.endpoint, path, { ...(multiValueFormat(ctx) !== undefined ? { accept: multiValueFormat(ctx)! } : {}) });
  const from = establishedAt(observation);
  requireObserved(ctx, ids[1], `Observe ${path}`, observation);
  ctx.afterCase(async () => void (await observation.cancel('observe-1')));
  const notification = await expectPeriodicNotification(ctx, ids[2], `${path}`, observation, since, from, pmin, pmax);
  return { observation, notification, since };
}
