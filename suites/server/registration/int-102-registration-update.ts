import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient, untilTime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-102',
  title: 'Registration Update',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-102; OMA-TS-LightweightM2M_Core §6.2.2, §6.2.1 (lifetime)',
  purpose:
    'A simulated client registers with a short lifetime and updates once; the server must answer the Update 2.04, ' +
    'and remove the registration when the lifetime then passes without another Update.',
  notes: 'The ETS lifetime of 20 s is the profile\'s shortLifetime; "removed" is observed on the wire: a later Update is answered 4.04.',
  async run(ctx) {
    const lifetime = ctx.target.timing.shortLifetimeS;
    const { client, location } = await registeredClient(ctx, { lt: lifetime });
    const update = await client.update(location, [`lt=${lifetime}`]);
    const updatedAt = performance.now();
    ctx.require('A', 'MUST', 'The Update is answered 2.04 Changed', codeOf(update), '2.04', at(update));
    await untilTime(ctx, updatedAt, lifetime * 1000 + ctx.target.timing.toleranceMs);
    const late = await client.update(location);
    ctx.check('B', 'MUST', `After ${lifetime} s without an Update the registration is gone (a later Update gets 4.04)`, codeOf(late), '4.04', at(late));
  },
});
