import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient, untilTime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-104',
  title: 'Registration Update Trigger',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-104; OMA-TS-LightweightM2M_Core §6.2.2',
  purpose:
    'A simulated client registers with a short lifetime and sends a parameterless Update before it ends; the server must ' +
    'answer 2.04 and count the lifetime again from that Update, so the client is still registered after the original lifetime.',
  notes: 'The server-side criteria of int-104: the triggered Update (without parameters) refreshes the lifetime.',
  async run(ctx) {
    const lifetime = ctx.target.timing.shortLifetimeS;
    const { client, location } = await registeredClient(ctx, { lt: lifetime });
    const registeredAt = performance.now();
    await untilTime(ctx, registeredAt, lifetime * 500);
    const update = await client.update(location);
    ctx.require('A', 'MUST', 'The parameterless Update is answered 2.04 Changed', codeOf(update), '2.04', at(update));
    // Past the original expiry (1 × lifetime), before the refreshed one (1.5 × lifetime): a
    // server that expires late may still pass, one that never refreshed cannot.
    await untilTime(ctx, registeredAt, lifetime * 1250);
    const later = await client.update(location);
    ctx.check('B', 'MUST', 'The client is still registered after the original lifetime (the Update refreshed it)', codeOf(later), '2.04', at(later));
  },
});
