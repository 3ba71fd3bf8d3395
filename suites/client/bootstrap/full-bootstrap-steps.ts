// The Client Initiated Bootstrap flow of int-0, int-1 and int-2: the client asks, the bootstrap
// server writes a server account (NoSec, PSK or certificates), discovers / and finishes, and the
// client registers to that account's server; for a secured account, over DTLS with the
// credentials written (the handshake facts come from the listener's DTLS layer, as in int-401).
import type { CaseContext } from '../../../harness/run/context.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { c13Configuration, type AccountSecurity } from '../../../harness/run/case-bootstrap.ts';
import type { CaseServer, ServerEvent } from '../../../harness/run/case-server.ts';
import type { CaseSecureAccount } from '../../../harness/run/case-secure-accounts.ts';
import { summarize } from '../../../harness/run/trace-entries.ts';
import { CF, on } from '../dm-steps.ts';
import { handshakeOf, noteHandshake } from '../security/steps.ts';
import { accountBesideBootstrap, at, bootstrapAccountLinks, bootstrapRequested, codeOf, discoverRoot, s, serverAccountInstances } from './steps.ts';

/** The server account the bootstrap server writes, and the server it names. */
export interface ProvisionedAccount {
  readonly server: CaseServer;
  readonly uri: string;
  readonly security?: AccountSecurity;
}

/**
 * Checks A–L of int-0: Bootstrap-Request with ep, writes of /0 and /1 answered 2.04, the
 * Discover answer, Finish answered 2.04. Returns the account server's event position before
 * the writes, from which its Register is awaited.
 */
export async function bootstrapFull(ctx: CaseContext, account: ProvisionedAccount): Promise<number> {
  const ep = ctx.target.endpoint;
  const request = await bootstrapRequested(ctx, 'A');
  ctx.check('B', 'MUST', 'The Bootstrap-Request carries the endpoint client name (ep)', request.endpoint ?? null, ep, at(request));
  const since = account.server.position();
  // The session's own server gets the account the session provisions (PSK when it runs DTLS-PSK).
  const instances = account.server === ctx.server ? await serverAccountInstances(ctx) : await accountBesideBootstrap(ctx, c13Configuration(account.uri, 86400, account.security).instances);
  const written = `/0/${instances.security[0]?.instance ?? 0}`;
  const serverWritten = `/1/${instances.server[0]?.instance ?? 0}`;
  const ssid = instances.server[0]?.values[0];
  const security = await ctx.bootstrap.write(ep, '/0', instances.security);
  const server = await ctx.bootstrap.write(ep, '/1', instances.server);
  const mode = account.security ? ` (${account.security.mode === 'psk' ? 'PSK' : 'certificate'} account)` : '';
  ctx.check('C', 'MUST', `Bootstrap-Write of /0${mode} is answered 2.04 Changed`, codeOf(security), '2.04', at(security));
  ctx.check('D', 'MUST', 'Bootstrap-Write of /1 is answered 2.04 Changed', codeOf(server), '2.04', at(server));
  const { outcome, answer } = await discoverRoot(ctx);
  ctx.check('E', 'MUST', 'Bootstrap-Discover of / is answered 2.05 Content', codeOf(outcome), '2.05', at(outcome));
  if (answer) {
    ctx.check('F', 'MUST', `Bootstrap-Discover gives the enabler version lwm2m="${ctx.target.version}"`, answer.version ?? null, ctx.target.version, at(outcome));
    const security0 = answer.links.get(written);
    ctx.check('G', 'MUST', `Bootstrap-Discover lists the written server account <${written}> with ssid=${ssid}`, security0 ?? null, expect.includes(`ssid=${ssid}`), at(outcome));
    if (ctx.target.version !== '1.0') {
      const uri = security0?.find((p) => p.startsWith('uri='))?.slice(4).replace(/^"|"$/g, '') ?? null;
      ctx.check('H', 'MUST', `Bootstrap-Discover gives the server URI of <${written}> (uri=, LwM2M 1.1+)`, uri, account.uri, at(outcome));
    }
    ctx.check('I', 'MUST', 'Bootstrap-Discover lists the bootstrap account (a Security instance without ssid)', bootstrapAccountLinks(answer).length > 0 ? bootstrapAccountLinks(answer) : null, expect.present('a </0/x> link without ssid'), at(outcome));
    ctx.check('J', 'MUST', `Bootstrap-Discover lists <${serverWritten}> with ssid=${ssid}`, answer.links.get(serverWritten) ?? null, expect.includes(`ssid=${ssid}`), at(outcome));
    ctx.check('K', 'MUST', 'Bootstrap-Discover lists </3/0>', answer.links.has('/3/0'), true, at(outcome));
  }
  const finish = await ctx.bootstrap.finish(ep);
  ctx.require('L', 'MUST', 'Bootstrap-Finish is answered 2.04 Changed (no inconsistency)', codeOf(finish), '2.04', at(finish));
  return since;
}

const mandatorySuite = { psk: 'TLS_PSK_WITH_AES_128_CCM_8', x509: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8' } as const;

/**
 * int-1 and int-2: the whole flow with a secured account, then checks M–S: the Register reaches
 * the provisioned coaps:// server (M), in a DTLS session (N) offering the mandatory cipher
 * suite (O), authenticated with the credentials written (P), is accepted (Q), and a TLV Read of
 * /3/0 is answered (R) in that session (S).
 */
export async function bootstrapFullSecured(ctx: CaseContext, account: CaseSecureAccount): Promise<void> {
  const ep = ctx.target.endpoint;
  const trace = ctx.trace;
  const listener = account.server.local;
  const mark = trace.mark();
  const since = await bootstrapFull(ctx, account);
  const within = ctx.target.timing.registerWithinMs;
  const reg = await account.server.waitFor('register', { since, within, endpoint: ep, signal: ctx.signal });
  if (!reg) {
    // What reached the listener instead: plain CoAP (dropped at a DTLS port), or a refused handshake.
    const plain = trace.since(mark).find((r) => r.direction === 'in' && r.dropped === true && r.impairment === undefined && r.security === undefined && r.local.port === listener.port && r.message?.code === '0.02');
    const refused = trace.eventsSince(mark).filter((e) => e.role === 'server' && e.local.port === listener.port && e.kind === 'handshake-failed').at(-1);
    const description = `The client registers to the server it was given (${account.uri})`;
    if (plain) {
      ctx.check('M', 'MUST', description, `POST over plain CoAP: ${summarize(plain.message!)}`, expect.present(), { at: plain.seq });
      ctx.require('N', 'MUST', 'The Register arrives in a DTLS session', 'plain CoAP over UDP (dropped by the DTLS listener)', expect.matches(/^DTLS/, 'DTLS'), { at: plain.seq });
    }
    ctx.require('M', 'MUST', description, `nothing within ${s(within)} s${refused ? `; DTLS handshake refused: ${refused.reason ?? refused.detail}` : ''}`, `received within ${s(within)} s`, refused ? { at: refused.seq } : {});
    return;
  }
  ctx.check('M', 'MUST', `The client registers to the server it was given (${account.uri})`, `POST ${reg.path}?${reg.params?.query.join('&')}`, expect.present(), at(reg));
  await securedRegister(ctx, account, reg);
}

async function securedRegister(ctx: CaseContext, account: CaseSecureAccount, reg: ServerEvent): Promise<void> {
  const { hello, done } = handshakeOf(ctx, reg);
  noteHandshake(ctx, [hello, done]);
  const who = reg.authenticated;
  ctx.require('N', 'MUST', 'The Register arrives in a DTLS session', who ? `DTLS, ${who.cipherSuite}` : 'plain CoAP over UDP', expect.matches(/^DTLS/, 'DTLS'), at(reg));
  ctx.check('O', 'MUST', `The client's ClientHello offers ${mandatorySuite[account.mode]} (LwM2M Transport: mandatory to implement)`,
    hello?.offeredCipherSuites ?? null, expect.includes(mandatorySuite[account.mode]), hello ? { at: hello.seq } : {});
  if (account.mode === 'psk') {
    ctx.check('P', 'MUST', 'The client authenticated with the PSK identity written to /0/0/3', who!.pskIdentity ?? 'no PSK identity (not a PSK cipher suite)', account.identity, at(reg));
  } else {
    ctx.check('P', 'MUST', 'The client authenticated with the certificate written to /0/0/3 (its common name)', who!.certificateName ?? 'no client certificate', account.identity, at(reg));
  }
  ctx.require('Q', 'MUST', 'The Register is accepted (2.01): its endpoint name is the one its credentials are bound to',
    reg.responseCode === '2.01' ? '2.01' : `${reg.responseCode} (${reg.rejection ?? 'no reason'})`, '2.01', at(reg));
  const read = await account.server.read(reg.endpoint!, '/3/0', CF.tlv);
  ctx.require('R', 'MUST', 'GET /3/0 (Accept TLV) is answered 2.05 Content', codeOf(read), '2.05', on(read));
  const record = ctx.trace.at(read.seq);
  ctx.check('S', 'MUST', 'The answer travelled in the DTLS session', record?.security ?? 'plain UDP', 'dtls', on(read));
}
