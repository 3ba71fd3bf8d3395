// Steps the registration cases share: reaching the "registered" precondition, and setting a
// short lifetime the way int-102/104/105/107 start.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerEvent, ServerEventKind } from '../../../harness/run/case-server.ts';

/** Seconds, rounded for messages. */
export const s = (ms: number) => Math.round(ms) / 1000;

/** The Register that starts the case (after the target's reset), accepted with 2.01; else inconclusive. */
export async function registered(ctx: CaseContext): Promise<ServerEvent & { location: string }> {
  const within = ctx.target.timing.registerWithinMs;
  const event = ctx.precondition(
    await ctx.server.waitFor('register', { within, endpoint: ctx.target.endpoint }),
    `the client did not register as "${ctx.target.endpoint}" within ${s(within)} s`,
  );
  ctx.precondition(
    event.responseCode === '2.01' && event.location !== undefined,
    `the reference server refused the Register with ${event.responseCode} (${event.rejection ?? 'no reason'})`,
  );
  ctx.note(`registered at ${event.location}`);
  return event as ServerEvent & { location: string };
}

/**
 * Writes the Lifetime (/1/x/1 of the server account) and waits for the Update that carries it: the starting state
 * "registered with lt=N" of several cases. Failures here are preconditions, not verdicts.
 */
export async function withLifetime(ctx: CaseContext, lifetimeS: number): Promise<ServerEvent> {
  const since = ctx.server.position();
  const lifetime = ctx.device.serverAccount.resource(1);
  const write = await ctx.server.write(ctx.target.endpoint, lifetime, String(lifetimeS));
  ctx.precondition(write.response?.code === '2.04', `writing lifetime ${lifetimeS} to ${lifetime} gave ${write.response?.code ?? write.error}`);
  const update = ctx.precondition(
    await ctx.server.waitFor('update', {
      since,
      within: ctx.target.timing.reactionWithinMs,
      endpoint: ctx.target.endpoint,
      signal: ctx.signal,
      where: (e) => e.params?.params.lt === String(lifetimeS),
    }),
    `no Update with lt=${lifetimeS} followed the lifetime write`,
  );
  ctx.note(`lifetime set to ${lifetimeS} s`);
  return update;
}

/** Query parameters of an Update, shown as the client sent them ('(none)' when empty). */
export function queryText(event: ServerEvent | undefined): string {
  const query = event?.params?.query ?? [];
  return query.length === 0 ? '(none)' : query.join('&');
}

/**
 * Requires the next server event of `kind` after `since` (default: the case's start) within `within` ms: a passing check
 * naming what arrived, or a failing one with "nothing within N s" that stops the case.
 */
export async function expectEvent(
  ctx: CaseContext,
  check: { id: string; description: string },
  kind: ServerEventKind,
  wait: { since?: number; within: number; anyEndpoint?: boolean },
  summary: (event: ServerEvent) => unknown,
): Promise<ServerEvent> {
  const event = await ctx.server.waitFor(kind, {
    ...(wait.since !== undefined ? { since: wait.since } : {}),
    within: wait.within,
    ...(wait.anyEndpoint ? {} : { endpoint: ctx.target.endpoint }),
  });
  return ctx.arrived(check.id, 'MUST', check.description, event, wait.within, summary);
}

/** Check A of the cases that judge the client's first Register after its reset. */
export function expectFirstRegister(ctx: CaseContext, summary: (event: ServerEvent) => unknown): Promise<ServerEvent> {
  return expectEvent(
    ctx,
    { id: 'A', description: 'The client sends Register (POST /rd) after it starts' },
    'register',
    // Any endpoint name: a Register under a wrong name is judged by the checks, not missed.
    { within: ctx.target.timing.registerWithinMs, anyEndpoint: true },
    summary,
  );
}

/** Anchors a check at the message an event came from. */
export const at = (event: ServerEvent | undefined) => (event?.seq !== undefined ? { at: event.seq } : {});
