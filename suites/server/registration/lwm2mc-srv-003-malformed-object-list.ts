import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, codeOf } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-003',
  title: 'Register with a malformed object list gets 4.00, never a server error',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  ref: 'OMA-TS-LightweightM2M_Transport §8.2.1; RFC 6690 §2; PITFALLS IF-01',
  purpose: 'A simulated client registers with a payload that is not CoRE Link Format; the server must answer 4.00, not 5.xx or nothing.',
  async run(ctx) {
    const client = await ctx.clients.create();
    const reg = await client.register({ links: '</1/0>,<</3/0>;;=,"' });
    ctx.check('A', 'MUST', 'The server answers (no silence)', reg.response ? 'answered' : codeOf(reg), 'answered', at(reg));
    ctx.check('B', 'MUST', 'The answer is not a server error (5.xx)', codeOf(reg), expect.matches(/^[24]\.\d\d$/, 'not 5.xx'), at(reg));
    ctx.check('C', 'MUST', 'The Register is refused with 4.00 Bad Request', codeOf(reg), '4.00', at(reg));
  },
});
