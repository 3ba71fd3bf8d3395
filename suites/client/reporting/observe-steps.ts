// Steps the reporting cases share: observing with attributes set first, judging the interval
// of a notification against pmin/pmax with the profile's tolerance, and showing that nothing
// more arrives after a cancel; changing a value the way the device notifies (a server Write, or
// its change-value driver for a device that notifies only its own changes).
import type { CaseContext } from '../../../harness/run/context.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { ServerEvent, ServerObservation } from '../../../harness/run/case-server.ts';
import { CF, codeOf, nextNotification, on, periods, s } from '../dm-steps.ts';

/** The initial response's time: the start of the first pmin/pmax interval. */
export function establishedAt(observation: ServerObservation): number {
  return observation.first.response ? performance.now() : 0;
}

/**
 * Changes `path` to `value` so that the device must notify it, as check `id`: a server Write
 * answered 2.04, or (features.notifyOn: own-change) the device's change-value driver, since such
 * a device never notifies what a server wrote. The case requires 'change-cue'.
 */
export async function changeValue(ctx: CaseContext, id: string, path: string, value: string, what: string): Promise<void> {
  if (ctx.target.features.has('notify-on:own-change')) {
    await ctx.drive('change-value', { path, value });
    ctx.check(id, 'MUST', `The device changed ${path} to ${value} itself (change-value driver; ${what})`, 'driver ran', 'driver ran');
    return;
  }
  const write = await ctx.server.writeBody(ctx.target.endpoint, path, value, CF.text);
  ctx.require(id, 'MUST', `Writing ${path} = ${value} (${what}) is answered 2.04`, codeOf(write), '2.04', on(write));
}

/** Requires the Observe to be accepted: 2.05 with an Observe option. */
export function requireObserved(ctx: CaseContext, id: string, what: string, observation: ServerObservation): void {
  const code = codeOf(observation.first);
  ctx.require(id, 'MUST', `${what} is answered 2.05 with an Observe option`, observation.established ? `${code} with Observe` : `${code}${observation.first.response?.observe === undefined ? ' without Observe' : ''}`, '2.05 with Observe', on(observation.first));
}

/**
 * Check `id`: a notification arrives between pmin and pmax (± tolerance) after `fromMs`;
 * the measured interval is reported. Returns the notification.
 */
export async function expectPeriodicNotification(ctx: CaseContext, id: string, what: string, observation: ServerObservation, since: number, fromMs: number, pmin: number, pmax: number): Promise<ServerEvent | undefined> {
  const { toleranceMs } = periods(ctx);
  const within = Math.max(0, fromMs + pmax * 1000 + toleranceMs - performance.now());
  const note = await nextNotification(ctx, observation.id, since, within);
  const low = Math.max(0, pmin - toleranceMs / 1000);
  const high = pmax + toleranceMs / 1000;
  ctx.check(id, 'MUST', `${what}: a notification between pmin ${pmin} s and pmax ${pmax} s (tolerance ${s(toleranceMs)} s); seconds measured`,
    note ? s(note.atMs - fromMs) : `none within ${s(high * 1000)} s`, expect.between(low, high, 's'), on(note));
  return note;
}

/**
 * Check `id`: no notification of the observation after `since` within `windowMs` of `fromMs`
 * (default now): the window counts from the moment that decides it, not from when the wait began.
 */
export async function expectSilence(ctx: CaseContext, id: string, what: string, observation: ServerObservation, since: number, windowMs: number, fromMs = performance.now()): Promise<void> {
  const t0 = fromMs;
  const late = await nextNotification(ctx, observation.id, since, Math.max(0, fromMs + windowMs - performance.now()));
  ctx.check(id, 'MUST', what, late ? `a notification ${s(Math.max(0, late.atMs - t0))} s into the window` : `none within ${s(windowMs)} s`, `none within ${s(windowMs)} s`, on(late));
}
