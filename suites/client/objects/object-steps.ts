// Steps the additional-object cases (int-1200 … 2001) share: encoding values in the format a
// case writes in, telling which resources a read carried, and observing resources with the
// profile's periods until each has notified.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome, ServerObservation } from '../../../harness/run/case-server.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import type { LwM2mNode } from '../../../harness/lwm2m/node.ts';
import { codeOf, on, periods, s } from '../dm-steps.ts';

/** The body of a write or Create of `nodes` under `path`, in `format`. */
export function encoded(format: number, path: string, nodes: readonly LwM2mNode[]): Buffer {
  return Buffer.from(contentFormat(format)!.encode(nodes, { path, model: coreModel() }));
}

/** The name of a content format, for check descriptions. */
export const formatName = (format: number) => contentFormat(format)?.name ?? `Content-Format ${format}`;

/** Which of the resources `/o/i/r` the decoded values carry (a multiple resource counts by any of its instances). */
export function carried(values: Record<string, unknown> | string, instance: string, resources: readonly number[]): number[] | string {
  if (typeof values === 'string') return values;
  const paths = Object.keys(values);
  return resources.filter((r) => paths.some((p) => p === `${instance}/${r}` || p.startsWith(`${instance}/${r}/`)));
}

/** The instances of a multiple resource as decoded ('/10/0/11/0' → '11:0'), in order. */
export function instancesOf(values: Record<string, unknown> | string, resource: string): unknown[] | string {
  if (typeof values === 'string') return values;
  return Object.entries(values).filter(([p]) => p.startsWith(`${resource}/`)).map(([, v]) => v);
}

/**
 * Writes pmin/pmax (the profile's, in place of the ETS's) on each path and observes it, judging
 * each step (`ids`: the Write-Attributes, the Observe and the notifications checks), then waits
 * until every observation has notified once; attributes and observations are undone after the case.
 */
export async function observeEach(ctx: CaseContext, paths: readonly string[], accept: number, ids: { attributes: string; observe: string; notified: string }): Promise<void> {
  const { pmin, pmax, toleranceMs } = periods(ctx);
  const answers: Outcome[] = [];
  for (const path of paths) {
    answers.push(await ctx.server.writeAttributes(ctx.target.endpoint, path, `pmin=${pmin}&pmax=${pmax}`));
    ctx.afterCase(async () => void (await ctx.server.writeAttributes(ctx.target.endpoint, path, 'pmin&pmax')));
  }
  ctx.require(ids.attributes, 'MUST', `Write-Attributes pmin=${pmin}&pmax=${pmax} on ${paths.join(', ')} is answered 2.04 Changed`,
    Object.fromEntries(paths.map((p, k) => [p, codeOf(answers[k])])), Object.fromEntries(paths.map((p) => [p, '2.04'])), on(answers.find((a) => codeOf(a) !== '2.04')));
  const since = ctx.server.position();
  const observations: ServerObservation[] = [];
  for (const path of paths) {
    const observation = await ctx.server.observe(ctx.target.endpoint, path, { accept });
    ctx.afterCase(async () => void (await observation.cancel('observe-1')));
    observations.push(observation);
  }
  ctx.require(ids.observe, 'MUST', `Observe of ${paths.join(', ')} is answered 2.05 with an Observe option`,
    Object.fromEntries(paths.map((p, k) => [p, observations[k]!.established ? '2.05 with Observe' : codeOf(observations[k]!.first)])),
    Object.fromEntries(paths.map((p) => [p, '2.05 with Observe'])), on(observations.find((o) => !o.established)?.first));
  const within = pmax * 1000 + toleranceMs;
  const notified = new Map<number, number | undefined>();
  const waits = observations.map(async (o) => {
    const event = await ctx.server.waitFor('notify', { since, within, where: (e) => e.observation === o.id });
    notified.set(o.id, event?.seq);
  });
  await Promise.all(waits);
  const shown = Object.fromEntries(paths.map((p, k) => [p, notified.get(observations[k]!.id) !== undefined ? 'notified' : `nothing within ${s(within)} s`]));
  ctx.check(ids.notified, 'MUST', `Each observed resource is notified within pmax (${pmax} s) and the tolerance`, shown, Object.fromEntries(paths.map((p) => [p, 'notified'])));
}

/** One decoded value, 'absent', or why the payload did not decode. */
export function valueAt(values: Record<string, unknown> | string, path: string): unknown {
  return typeof values === 'string' ? values : (values[path] ?? 'absent');
}
