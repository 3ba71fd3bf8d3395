// Steps the Send cases share (int-306, int-307, int-311): bringing the client to Send (its
// trigger-send driver, when it Sends on cue) and waiting for its next POST /dp: the reaction
// time after a trigger, or one configured Send period, plus the tolerance.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerEvent } from '../../../harness/run/case-server.ts';
import { s } from '../dm-steps.ts';

/** The target as the timing helpers need it: a case's, or check-profile's. */
type OnTarget = Pick<CaseContext, 'target'>;

/** Whether the device Sends only when its trigger-send driver tells it (else periodically). */
export const sendsOnTrigger = ({ target }: OnTarget): boolean => target.features.has('send:on-trigger');

/** How long the next Send may take, ms: the reaction time after a trigger, or the Send period; plus the tolerance. */
export function sendWindowMs(on: OnTarget): number {
  return (sendsOnTrigger(on) ? on.target.timing.reactionWithinMs : on.target.timing.sendPeriodMs) + on.target.timing.toleranceMs;
}

/**
 * int-307's window while muted, ms: one trigger's window, or one Send period plus the tolerance,
 * by when a device ignoring the mute would have sent its next periodic Send.
 */
export function mutedWindowMs(on: OnTarget): number {
  return sendWindowMs(on);
}

/**
 * Tells a device that Sends on cue to Send now (a periodic one needs nothing), the values under
 * `paths` when the case names them (the driver's {paths}, space-separated; empty: its choice);
 * returns the window to wait, ms.
 */
export async function cueSend(ctx: CaseContext, paths: readonly string[] = []): Promise<number> {
  if (sendsOnTrigger(ctx)) await ctx.drive('trigger-send', { paths: paths.join(' ') });
  return sendWindowMs(ctx);
}

/** The next Send after `since` within `within` ms (undefined: none came). */
export function nextSend(ctx: CaseContext, since: number, within: number): Promise<ServerEvent | undefined> {
  return ctx.server.waitFor('send', { since, within, endpoint: ctx.target.endpoint, signal: ctx.signal });
}

/** What a check shows for a Send that should (not) have come. */
export const sendSeen = (send: ServerEvent | undefined, t0: number, within: number) =>
  send ? `POST /dp ${s(Math.max(0, send.atMs - t0))} s into the window` : `none within ${s(within)} s`;
