import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient, untilTime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-105',
  title: 'Discarded Register Update',
  interface: 'registration',
  tests: 'server',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-105; OMA-TS-LightweightM2M_Core §6.2.2 (4.04 Not Found)',
  purpose:
    'The server drops a registration whose lifetime ran out; the client\'s next Update must be answered 4.04 Not Found, ' +
    'and the client\'s new Register accepted.',
  notes: 'The ETS leaves the way the server drops the registration open; here the lifetime expires.',
  async run(ctx) {
    const lifetime = ctx.target.timing.shortLifetimeS;
    const { client, location } = await registeredClient(ctx, { lt: lifetime });
    await untilTime(ctx, performance.now(), lifetime * 1000 + ctx.target.timing.toleranceMs);
    const update = await client.update(location);
    ctx.check('A', 'MUST', 'The Update to the dropped registration is answered 4.04 Not Found', codeOf(update), '4.04', at(update));
    const again = await client.register({ lt: lifetime });
    ctx.check('B', 'MUST', 'The client\'s new Register is answered 2.01 Created', codeOf(again), '2.01', at(again));
  },
});
