import { defineCase } from '../../../harness/run/case.ts';
import { at, expectFirstRegister } from '../registration/steps.ts';
import { dtlsIn, handshakeOf, noteHandshake } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SEC-003',
  title: 'The endpoint name in Register is the one bound to the PSK identity',
  interface: 'security',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  requires: ['security:psk'],
  ref: 'OMA-TS-LightweightM2M_Transport (D)TLS "Endpoint Client Name": the server compares ep with the authenticated identity and answers 4.00 on a mismatch; Core §6.2.1',
  purpose:
    'The harness binds the profile\'s PSK identity to the profile\'s endpoint name; the client\'s first Register after its reset must ' +
    'authenticate with that identity and carry that name, so that a server enforcing the rule accepts it.',
  notes:
    'The reference server enforces the rule (4.00 Bad Request naming the mismatch); the check judges what the client sent, ' +
    'not the answer. A Register that omits ep (allowed from LwM2M 1.1 when the server derives it from the identity) fails check C.',
  async run(ctx) {
    const dtls = dtlsIn(ctx, 'psk');
    const reg = await expectFirstRegister(ctx, (e) => `POST ${e.path}?${e.params?.query.join('&')}`);
    const { hello, done } = handshakeOf(ctx, reg);
    noteHandshake(ctx, [hello, done]);
    const identity = dtls.pskIdentityFor(ctx.target.endpoint);
    ctx.require('B', 'MUST', 'The Register arrives in a session authenticated with the profile\'s PSK identity',
      reg.authenticated?.pskIdentity ?? (reg.authenticated ? 'no PSK identity' : 'plain CoAP'), identity ?? 'a PSK identity', at(reg));
    ctx.check('C', 'MUST', 'The endpoint name (ep) is the one bound to that identity', reg.params?.params.ep ?? null, ctx.target.endpoint, at(reg));
    if (reg.responseCode !== '2.01') ctx.note(`the reference server answered ${reg.responseCode}: ${reg.rejection ?? 'no reason'}`);
  },
});
