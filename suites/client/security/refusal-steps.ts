// The body of the cases in which the device must refuse the server's credentials (a certificate
// naming another host, an unknown certificate, a wrong PSK): the device handshakes again under
// them, the handshake must not complete, and the device must not talk to the server without
// security instead.
import type { CaseContext } from '../../../harness/run/context.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { ServerDtls } from '../../../harness/run/case-server.ts';
import { handshakeUnder, outcomeText, unprotectedFrom } from './steps.ts';

export async function refusesCredentials(
  ctx: CaseContext,
  dtls: ServerDtls,
  present: () => void,
  what: { handshake: string },
): Promise<void> {
  const { hello, outcome, since } = await handshakeUnder(ctx, dtls, present);
  ctx.check('A', 'MUST', 'The client starts a new DTLS handshake after its reboot', `ClientHello #${hello.seq}`, expect.present());
  ctx.check('B', 'MUST', what.handshake, outcomeText(outcome), expect.that('refused or not completed', (a) => !String(a).startsWith('completed')));
  const alert = outcome.kind === 'refused' ? outcome.event.alert : undefined;
  ctx.check('C', 'SHOULD', 'The client tells the server with a fatal alert (RFC 5246 §7.2)',
    outcome.kind === 'refused' ? (alert ? `${alert.level} ${alert.name}` : outcome.event.reason ?? 'refused') : outcomeText(outcome),
    expect.that('a fatal alert from the client, or the server refused first', (a) => /fatal|refused|Finished|did not decrypt/.test(String(a))));
  // A device that gives up on security must not fall back to plain CoAP.
  const within = ctx.target.timing.registerWithinMs;
  const plain = await unprotectedFrom(ctx, hello.remote.address, since, within);
  ctx.check('D', 'MUST', 'The client sends nothing to the server without DTLS instead',
    plain ? `plain CoAP: ${plain.message ? `${plain.message.type} ${plain.message.code}` : 'undecodable'}` : `nothing within ${within / 1000} s`,
    expect.that('no plain CoAP', (a) => !String(a).startsWith('plain')), plain ? { at: plain.seq } : {});
}
