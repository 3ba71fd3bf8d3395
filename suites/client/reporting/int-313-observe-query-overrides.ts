import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, on, periods } from '../dm-steps.ts';
import { expectPeriodicNotification, requireObserved } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.2-int-313',
  title: 'Observe parameters override attributes',
  interface: 'reporting',
  tests: 'client',
  since: '1.2',
  config: 'C.4',
  requires: ['operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 1.2-int-313; OMA-TS-LightweightM2M_Core 1.2 §6.4.1 (attributes in the Observe query take precedence), §5.1.2',
  purpose:
    'The server writes a long pmax on /3/0/7, then observes it with a short pmax in the request query; the query must win: ' +
    'notifications at least every short pmax.',
  notes:
    'The ETS values (Write-Attributes pmax=60, Observe pmax=10) are scaled: the query carries the profile\'s pmin/pmax, ' +
    'the written pmax is at least 60 s and ten times the profile\'s pmax. Two intervals are judged.',
  async run(ctx) {
    await configured(ctx, 'C.4');
    const { pmin, pmax } = periods(ctx);
    const long = Math.max(60, 10 * pmax);
    const wa = await ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/7', `pmin=${pmin}&pmax=${long}`);
    ctx.require('A', 'MUST', `Write-Attributes pmin=${pmin}&pmax=${long} on /3/0/7 is answered 2.04`, codeOf(wa), '2.04', on(wa));
    const since = ctx.server.position();
    const observation = await ctx.server.observe(ctx.target.endpoint, '/3/0/7', { query: `pmin=${pmin}&pmax=${pmax}` });
    const at = performance.now();
    requireObserved(ctx, 'B', `Observe /3/0/7?pmin=${pmin}&pmax=${pmax}`, observation);
    const first = await expectPeriodicNotification(ctx, 'C', `First notification (the query's pmax ${pmax} s, not the written ${long} s)`, observation, since, at, pmin, pmax);
    if (!first) return;
    await expectPeriodicNotification(ctx, 'D', 'Next notification', observation, ctx.server.position(), first.atMs, pmin, pmax);
  },
});
