import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, codeOf } from '../registration/steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-301',
  title: 'Register under another endpoint name than the DTLS identity is refused',
  interface: 'security',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['security:psk'],
  ref: 'OMA-TS-LightweightM2M_Transport §5.2.1 (Endpoint Client Name and the (D)TLS identity); OMA-TS-LightweightM2M_Core §6.2.1 (Register: 4.00, 4.03)',
  purpose:
    'A simulated client completes the handshake with the PSK identity the server knows for target.endpoint, then ' +
    'registers under another endpoint name; the server must refuse it, or one set of credentials could register ' +
    '(and be managed as) any device.',
  notes: 'Either 4.00 Bad Request or 4.03 Forbidden is taken as a refusal.',
  async run(ctx) {
    ctx.precondition(ctx.target.endpoint !== '', 'the profile names no target.endpoint, the endpoint name the PSK identity belongs to');
    const client = await ctx.clients.create({ name: `${ctx.target.endpoint}-impostor` });
    const reg = await client.register();
    ctx.check('A', 'MUST', `Register as "${client.name}" over the session of another endpoint's identity is refused`, codeOf(reg), expect.oneOf('4.00', '4.03'), at(reg));
  },
});
