import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, codeOf } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-001',
  title: 'Register without an endpoint name is refused',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  ref: 'OMA-TS-LightweightM2M_Core §6.2.1 (ep mandatory without a security context); Transport §8.2.1 (4.00 Bad Request)',
  purpose: 'Over NoSec a simulated client registers without `ep`; the server cannot tell who it is and must refuse with 4.00 Bad Request.',
  notes: 'LwM2M 1.1 lets ep be derived from a DTLS identity; without security nothing can stand in for it. Some servers answer 4.03; that passes A and warns on B.',
  async run(ctx) {
    const client = await ctx.clients.create();
    const reg = await client.register({ ep: null });
    ctx.check('A', 'MUST', 'The Register is refused with a 4.xx client error', codeOf(reg), expect.matches(/^4\.\d\d$/, 'a 4.xx code'), at(reg));
    ctx.check('B', 'SHOULD', 'The refusal is 4.00 Bad Request', codeOf(reg), '4.00', at(reg));
  },
});
