import { defineCase } from '../../../harness/run/case.ts';
import { configured, decoded, on, pathsOf, periods, valuesOf } from '../dm-steps.ts';
import { expectPeriodicNotification, requireObserved } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.2-int-312',
  title: 'Observe with attributes as parameters',
  interface: 'reporting',
  tests: 'client',
  since: '1.2',
  config: 'C.4',
  requires: ['operation:observe'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 1.2-int-312; OMA-TS-LightweightM2M_Core 1.2 §6.4.1 (Observe with attributes in the query), §5.1.2',
  purpose:
    'The server observes Power Source Voltage with the attributes in the request (GET /3/0/7?pmin=&pmax= with Observe=0); the answer must hold /3/0/7/0 and /3/0/7/1, ' +
    'and notifications must follow at least every pmax.',
  notes: 'The ETS periods (5 s / 15 s) are the profile\'s pmin/pmax; the tolerance is the profile\'s. Two intervals are judged.',
  async run(ctx) {
    await configured(ctx, 'C.4');
    const { pmin, pmax } = periods(ctx);
    const since = ctx.server.position();
    const observation = await ctx.server.observe(ctx.target.endpoint, '/3/0/7', { query: `pmin=${pmin}&pmax=${pmax}` });
    const at = performance.now();
    requireObserved(ctx, 'A', `Observe /3/0/7?pmin=${pmin}&pmax=${pmax}`, observation);
    ctx.check('B', 'MUST', 'The answer holds /3/0/7/0 and /3/0/7/1', pathsOf(valuesOf(decoded(observation.first, '/3/0/7'))), ['/3/0/7/0', '/3/0/7/1'], on(observation.first));
    const first = await expectPeriodicNotification(ctx, 'C', 'First notification', observation, since, at, pmin, pmax);
    if (!first) return;
    await expectPeriodicNotification(ctx, 'D', 'Next notification', observation, ctx.server.position(), first.atMs, pmin, pmax);
  },
});
