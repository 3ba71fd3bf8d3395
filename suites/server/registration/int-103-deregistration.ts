import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-103',
  title: 'Deregistration',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  config: 'C.3',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-103; OMA-TS-LightweightM2M_Core §6.2.3',
  purpose: 'A registered simulated client de-registers; the server must answer 2.02 Deleted and forget the registration.',
  notes: 'The ETS starts the De-register with an Execute of Disable from the server; here the client de-registers on its own, which is what the server is judged on.',
  async run(ctx) {
    const { client, location } = await registeredClient(ctx);
    const dereg = await client.deregister(location);
    ctx.require('A', 'MUST', 'De-register is answered 2.02 Deleted', codeOf(dereg), '2.02', at(dereg));
    const after = await client.update(location);
    ctx.check('B', 'MUST', 'The registration is gone (an Update to its location gets 4.04)', codeOf(after), '4.04', at(after));
  },
});
