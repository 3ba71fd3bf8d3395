import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient, untilTime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-107',
  title: 'Extending the lifetime of a registration',
  interface: 'registration',
  tests: 'server',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-107; OMA-TS-LightweightM2M_Core §6.2.2',
  purpose:
    'A simulated client registers with a short lifetime and sends an Update with a lifetime three times as long; the server ' +
    'must answer 2.04 and keep the registration past the original lifetime.',
  notes: 'The ETS uses 60 s and 120 s; here shortLifetime and three times it.',
  async run(ctx) {
    const lifetime = ctx.target.timing.shortLifetimeS;
    const { client, location } = await registeredClient(ctx, { lt: lifetime });
    const update = await client.update(location, [`lt=${lifetime * 3}`]);
    const updatedAt = performance.now();
    ctx.require('A', 'MUST', `The Update with lt=${lifetime * 3} is answered 2.04 Changed`, codeOf(update), '2.04', at(update));
    await untilTime(ctx, updatedAt, lifetime * 1000 + ctx.target.timing.toleranceMs);
    const later = await client.update(location);
    ctx.check('B', 'MUST', `The registration outlives the original ${lifetime} s lifetime`, codeOf(later), '2.04', at(later));
  },
});
