// Steps the Send cases share (int-306, int-307, int-311): waiting for the client's next
// POST /dp, one configured Send period plus the tolerance, and judging what it carried.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerEvent } from '../../../harness/run/case-server.ts';
import { s } from '../dm-steps.ts';

/** How long the next periodic Send may take: the profile's Send period plus the tolerance, ms. */
export function sendWindowMs(ctx: CaseContext): number {
  return ctx.target.timing.sendPeriodMs + ctx.target.timing.toleranceMs;
}

/** The next Send after `since` within `within` ms (undefined: none came). */
export function nextSend(ctx: CaseContext, since: number, within: number): Promise<ServerEvent | undefined> {
  return ctx.server.waitFor('send', { since, within, endpoint: ctx.target.endpoint, signal: ctx.signal });
}

/** What a check shows for a Send that should (not) have come. */
export const sendSeen = (send: ServerEvent | undefined, t0: number, within: number) =>
  send ? `POST /dp ${s(Math.max(0, send.atMs - t0))} s into the window` : `none within ${s(within)} s`;
