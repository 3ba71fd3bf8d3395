import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-004',
  title: 'A new Register of the same endpoint replaces the old registration',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  ref: 'OMA-TS-LightweightM2M_Core §6.2.1 (a Register from a registered endpoint replaces its registration)',
  purpose: 'A simulated client registers twice under one name; the second Register is accepted and the first location is gone.',
  async run(ctx) {
    const { client, location: first } = await registeredClient(ctx);
    const again = await client.register();
    ctx.require('A', 'MUST', 'The second Register is answered 2.01 Created', codeOf(again), '2.01', at(again));
    const second = again.response!.locationPath;
    const old = await client.update(first);
    if (second !== first) {
      ctx.check('B', 'MUST', 'The first registration is gone (an Update to its location gets 4.04)', codeOf(old), '4.04', at(old));
    } else {
      ctx.note('the server reused the location for the new registration');
      ctx.check('B', 'MUST', 'The location, reused, now holds the new registration (Update → 2.04)', codeOf(old), '2.04', at(old));
    }
    const current = await client.update(second);
    ctx.check('C', 'MUST', 'The new registration answers Updates (2.04)', codeOf(current), '2.04', at(current));
  },
});
