import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-241',
  title: 'Executable Resource: Rebooting the device',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-241; OMA-TS-LightweightM2M_Core §6.3.5 (Execute), Appendix E.4 (/3/0/4 Reboot)',
  purpose: 'The server executes Reboot /3/0/4; the client must answer 2.04, then register again (int-101), replacing its registration.',
  async run(ctx) {
    const before = await configured(ctx, 'C.1');
    const since = ctx.server.position();
    const exec = await ctx.server.execute(ctx.target.endpoint, '/3/0/4');
    ctx.require('A', 'MUST', 'Execute /3/0/4 is answered 2.04 Changed', codeOf(exec), '2.04', on(exec));
    const within = ctx.target.timing.registerWithinMs;
    const register = await ctx.server.waitFor('register', { since, within, endpoint: ctx.target.endpoint, signal: ctx.signal });
    ctx.arrived('B', 'MUST', 'The client registers again after the reboot', register, within, (e) => `POST ${e.path}`);
    ctx.check('C', 'MUST', 'The new Register is accepted and replaces the old registration', register!.location !== undefined && register!.location !== before.location ? 'new registration' : `location ${register!.location ?? 'none'}`, 'new registration', on(register));
  },
});
