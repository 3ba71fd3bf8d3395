// The Update a lifetime change must cause (Core §6.2.2), judged in int-226, int-227 and int-230.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerEvent } from '../../../harness/run/case-server.ts';

/** Check `id`: an Update carrying lt=`lifetime` arrives after `since`. */
export async function expectLifetimeUpdate(ctx: CaseContext, id: string, since: number, lifetime: number): Promise<ServerEvent | undefined> {
  const within = ctx.target.timing.reactionWithinMs;
  const update = await ctx.server.waitFor('update', { since, within, endpoint: ctx.target.endpoint, signal: ctx.signal, where: (e) => e.params?.params.lt === String(lifetime) });
  ctx.check(id, 'MUST', `The client sends an Update with lt=${lifetime}`, update ? `Update with lt=${lifetime}` : `none within ${within / 1000} s`, `Update with lt=${lifetime}`, update?.seq !== undefined ? { at: update.seq } : {});
  return update;
}
