// Steps the security cases share: the DTLS layer of the reference server as a precondition,
// the handshake that carried a message (from the trace's DTLS events), and "make the device
// handshake again under other server credentials" for the refusal cases.
import type { SecurityEvent } from '../../../harness/run/case-trace.ts';
import type { CaseContext } from '../../../harness/run/context.ts';
import type { ServerDtls, ServerEvent } from '../../../harness/run/case-server.ts';
import { registered, s } from '../registration/steps.ts';

/** The reference server's DTLS layer in the wanted mode; else the case is inconclusive. */
export function dtlsIn(ctx: CaseContext, mode: 'psk' | 'x509'): ServerDtls {
  const dtls = ctx.precondition(ctx.server.dtls, `the harness listens without DTLS: the profile's target.security.mode must be ${mode} for this case`);
  ctx.precondition(mode === 'psk' ? dtls.hasPsk : dtls.hasCertificate, `the harness's DTLS credentials are not ${mode === 'psk' ? 'a PSK' : 'a certificate'}: set target.security.mode to ${mode}`);
  return dtls;
}

const samePeer = (e: SecurityEvent, peer: { address: string; port: number }) => e.remote.address === peer.address && e.remote.port === peer.port;

/** The server-side DTLS events of the handshake that opened the session a message arrived in. */
export function handshakeOf(ctx: CaseContext, event: ServerEvent): { hello?: SecurityEvent; done?: SecurityEvent } {
  const peer = event.peer;
  if (!peer || event.seq === undefined) return {};
  const before = ctx.trace.events().filter((e) => e.role === 'server' && e.seq < event.seq! && samePeer(e, peer));
  const done = before.filter((e) => e.kind === 'handshake-done').at(-1);
  const hello = before.filter((e) => e.kind === 'client-hello' && (!done || e.seq < done.seq)).at(-1);
  return { ...(hello ? { hello } : {}), ...(done ? { done } : {}) };
}

/** Notes the handshake events of a case for the report (no keys are ever in them). */
export function noteHandshake(ctx: CaseContext, events: readonly (SecurityEvent | undefined)[]): void {
  for (const e of events) if (e) ctx.note(`DTLS #${e.seq} ${e.remote.address}:${e.remote.port}: ${e.detail}`);
}

export type HandshakeOutcome =
  | { kind: 'completed'; event: SecurityEvent }
  | { kind: 'refused'; event: SecurityEvent }
  | { kind: 'not completed'; withinMs: number };

/** How the refusal checks show an outcome. */
export function outcomeText(o: HandshakeOutcome): string {
  if (o.kind === 'completed') return `completed (${o.event.detail})`;
  if (o.kind === 'refused') return `refused (${o.event.reason ?? o.event.detail})`;
  return `not completed within ${s(o.withinMs)} s`;
}

/**
 * The registered device is made to start afresh (Execute /3/0/4, Reboot) while the server
 * presents other credentials; returns the ClientHello of its new handshake and how that
 * handshake ended. `present` switches the credentials; they are restored before returning.
 */
export async function handshakeUnder(
  ctx: CaseContext,
  dtls: ServerDtls,
  present: () => void,
): Promise<{ hello: SecurityEvent; outcome: HandshakeOutcome; since: number }> {
  const reg = await registered(ctx);
  const within = ctx.target.timing.registerWithinMs;
  const since = ctx.trace.mark();
  present();
  try {
    const reboot = await ctx.server.execute(ctx.target.endpoint, '/3/0/4');
    ctx.precondition(reboot.response?.code === '2.04', `Execute /3/0/4 (Reboot), used to make the device handshake again, gave ${reboot.response?.code ?? reboot.error}`);
    const hello = ctx.precondition(
      await ctx.trace.waitForEvent((e) => e.role === 'server' && e.kind === 'client-hello' && e.remote.address === reg.peer!.address, within, since),
      `the device started no new DTLS handshake within ${s(within)} s of its reboot`,
    );
    const ended = await ctx.trace.waitForEvent((e) => e.role === 'server' && samePeer(e, hello.remote) && (e.kind === 'handshake-done' || e.kind === 'handshake-failed'), within, hello.seq);
    const outcome: HandshakeOutcome = !ended
      ? { kind: 'not completed', withinMs: within }
      : ended.kind === 'handshake-done'
        ? { kind: 'completed', event: ended }
        : { kind: 'refused', event: ended };
    noteHandshake(ctx, ctx.trace.eventsSince(since).filter((e) => e.role === 'server' && samePeer(e, hello.remote)));
    return { hello, outcome, since };
  } finally {
    dtls.restore();
  }
}

/** Plain CoAP that reached the DTLS port from the device's address since `since`, within `withinMs`. */
export async function unprotectedFrom(ctx: CaseContext, address: string, since: number, withinMs: number) {
  return ctx.trace.waitFor((r) => r.direction === 'in' && r.security === undefined && r.dropped === true && r.impairment === undefined && r.endpoint === 'server' && r.remote.address === address, withinMs, since);
}
