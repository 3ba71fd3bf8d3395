import { defineCase } from '../../../harness/run/case.ts';
import { at, bootstrapRequested, codeOf, restore } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-9',
  title: 'Bootstrap and Configuration Consistency',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.1',
  config: 'C.13',
  requires: ['bootstrap:client-initiated'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-9; OMA-TS-LightweightM2M_Core §5.2.7.6, §6.1.7.6',
  purpose:
    'The bootstrap server writes only /1/0/5 and finishes: without a server account the configuration is ' +
    'inconsistent, and Bootstrap-Finish must be answered 4.06 Not Acceptable.',
  notes: 'Afterwards the harness writes a complete server account and finishes again, so the client is left usable.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const write = await ctx.bootstrap.writeText(ep, '/1/0/5', '86400');
    ctx.check('B', 'MUST', 'Bootstrap-Write of /1/0/5 is answered 2.04 Changed', codeOf(write), '2.04', at(write));
    const finish = await ctx.bootstrap.finish(ep);
    ctx.check('C', 'MUST', 'Bootstrap-Finish without a server account is answered 4.06 Not Acceptable', codeOf(finish), '4.06', at(finish));
    if (finish.response?.code !== '2.04') await restore(ctx);
  },
});
