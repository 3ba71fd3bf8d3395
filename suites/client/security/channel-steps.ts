// The body of int-401 and int-402: the device's first Register after its reset arrives in a DTLS
// session of the wanted mode (offering the mandatory cipher suite), and a TLV Read of /3/0 is
// answered in the same session.
import type { CaseContext } from '../../../harness/run/context.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { CF, codeOf, on } from '../dm-steps.ts';
import { at, expectFirstRegister } from '../registration/steps.ts';
import { dtlsIn, handshakeOf, noteHandshake } from './steps.ts';

const mandatorySuite = { psk: 'TLS_PSK_WITH_AES_128_CCM_8', x509: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8' } as const;

export async function secureChannel(ctx: CaseContext, mode: 'psk' | 'x509'): Promise<void> {
  const dtls = dtlsIn(ctx, mode);
  const reg = await expectFirstRegister(ctx, (e) => `POST ${e.path}?${e.params?.query.join('&')}`);
  const { hello, done } = handshakeOf(ctx, reg);
  noteHandshake(ctx, [hello, done]);
  const who = reg.authenticated;
  ctx.require('B', 'MUST', 'The Register arrives in a DTLS session', who ? `DTLS, ${who.cipherSuite}` : 'plain CoAP over UDP', expect.matches(/^DTLS/, 'DTLS'), at(reg));
  ctx.check('C', 'MUST', `The client's ClientHello offers ${mandatorySuite[mode]} (LwM2M Transport: mandatory to implement)`,
    hello?.offeredCipherSuites ?? null, expect.includes(mandatorySuite[mode]));
  if (mode === 'psk') {
    const identity = dtls.pskIdentityFor(ctx.target.endpoint);
    ctx.check('D', 'MUST', 'The client authenticated with its PSK identity', who!.pskIdentity ?? 'no PSK identity (not a PSK cipher suite)', identity ?? expect.present('a PSK identity'), at(reg));
  } else {
    ctx.check('D', 'MUST', 'The client authenticated with its certificate (mutual authentication)', who!.certificateName ?? 'no client certificate', expect.present('a client certificate'), at(reg));
  }
  ctx.require('E', 'MUST', 'The Register is accepted (2.01): its endpoint name is the one its credentials are bound to',
    reg.responseCode === '2.01' ? '2.01' : `${reg.responseCode} (${reg.rejection ?? 'no reason'})`, '2.01', at(reg));
  const read = await ctx.server.read(reg.endpoint!, '/3/0', CF.tlv);
  ctx.require('F', 'MUST', 'GET /3/0 (Accept TLV) is answered 2.05 Content', codeOf(read), '2.05', on(read));
  ctx.check('G', 'MUST', 'The answer has Content-Format 11542 (TLV)', read.response!.contentFormat ?? null, CF.tlv, on(read));
  const record = ctx.trace.at(read.seq);
  ctx.check('H', 'MUST', 'The answer travelled in the DTLS session', record?.security ?? 'plain UDP', 'dtls', on(read));
}
