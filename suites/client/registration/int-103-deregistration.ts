import { defineCase } from '../../../harness/run/case.ts';
import { at, expectEvent, registered } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-103',
  title: 'Deregistration',
  interface: 'registration',
  tests: 'client',
  since: '1.0',
  config: 'C.3',
  // Disable (/1/x/4) claimed, or a 'disable' driver for a device that de-registers on its own command.
  requires: ['disable-cue'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-103; OMA-TS-LightweightM2M_Core §6.2.3, §E.2 (Disable /1/x/4)',
  purpose:
    'The server executes Disable (/1/0/4); the client must answer 2.04 and de-register with DELETE on its ' +
    'registration location.',
  notes:
    'The server\'s 2.02 answer and the removal of the registration are the reference server\'s part. A device ' +
    'without Disable that de-registers on a command of its own is told through the profile\'s disable driver: ' +
    'then B and C judge its De-register, and A (the Execute) is not run.',
  async run(ctx) {
    const reg = await registered(ctx);
    const since = ctx.server.position();
    if (ctx.target.features.has('resource:/1/0/4')) {
      const disable = ctx.device.serverAccount.resource(4);
      const exec = await ctx.server.execute(ctx.target.endpoint, disable);
      ctx.require('A', 'MUST', `Execute on Disable ${disable} is answered 2.04 Changed`, exec.response?.code ?? exec.error, '2.04');
    } else {
      await ctx.drive('disable');
      ctx.note('the device does not claim Disable (/1/x/4): its disable driver told it to de-register, and check A (the Execute) was not run');
    }
    const dereg = await expectEvent(
      ctx,
      { id: 'B', description: 'The client sends De-register (DELETE on its registration location)' },
      'deregister',
      // A DELETE on a wrong location has no endpoint name; C judges where it went.
      { since, within: ctx.target.timing.reactionWithinMs, anyEndpoint: true },
      (e) => `DELETE ${e.path}`,
    );
    ctx.check('C', 'MUST', 'De-register addresses the registration location', dereg.path ?? null, reg.location, at(dereg));
  },
});
