import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-002',
  title: 'Register with an unsupported LwM2M version gets 4.12',
  interface: 'registration',
  tests: 'server',
  since: '1.1',
  ref: 'OMA-TS-LightweightM2M_Transport §8.2.1 (4.12 Precondition Failed: the LwM2M version is not supported)',
  purpose: 'A simulated client registers claiming lwm2m=9.9; the server must refuse with 4.12 Precondition Failed.',
  async run(ctx) {
    const client = await ctx.clients.create();
    const reg = await client.register({ lwm2m: '9.9' });
    ctx.check('A', 'MUST', 'The Register is answered 4.12 Precondition Failed', codeOf(reg), '4.12', at(reg));
  },
});
