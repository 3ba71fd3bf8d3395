import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, on, periods } from '../dm-steps.ts';
import { expectPeriodicNotification, requireObserved } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-301',
  title: 'Observation and Notification of parameter values',
  interface: 'reporting',
  tests: 'client',
  since: '1.0',
  config: 'C.4',
  requires: ['operation:observe', 'operation:write-attributes'],
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-301; OMA-TS-LightweightM2M_Core §6.4.1 (Observe), §5.1.2 (pmin/pmax)',
  purpose:
    'The server reads /3/0/6, writes pmin/pmax on Power Source Voltage /3/0/7 and Current /3/0/8, and observes both; ' +
    'the client must notify each within its pmin/pmax window.',
  notes: 'The ETS periods (5/15 s and 10/20 s) are replaced by the profile\'s pmin/pmax for both resources; the tolerance is the profile\'s.',
  floorMs: (target) => periods({ target }).pmax * 1000,
  async run(ctx) {
    await configured(ctx, 'C.4');
    const { pmin, pmax } = periods(ctx);
    const sources = await ctx.server.read(ctx.target.endpoint, '/3/0/6');
    ctx.check('A', 'MUST', 'Read of Available Power Sources /3/0/6 is answered 2.05', codeOf(sources), '2.05', on(sources));
    for (const [id, path] of [['B', '/3/0/7'], ['C', '/3/0/8']] as const) {
      const wa = await ctx.server.writeAttributes(ctx.target.endpoint, path, `pmin=${pmin}&pmax=${pmax}`);
      ctx.require(id, 'MUST', `Write-Attributes pmin=${pmin}&pmax=${pmax} on ${path} is answered 2.04`, codeOf(wa), '2.04', on(wa));
    }
    const since = ctx.server.position();
    const voltage = await ctx.server.observe(ctx.target.endpoint, '/3/0/7');
    const voltageAt = performance.now();
    requireObserved(ctx, 'D', 'Observe /3/0/7', voltage);
    const current = await ctx.server.observe(ctx.target.endpoint, '/3/0/8');
    const currentAt = performance.now();
    requireObserved(ctx, 'E', 'Observe /3/0/8', current);
    await Promise.all([
      expectPeriodicNotification(ctx, 'F', 'Voltage /3/0/7', voltage, since, voltageAt, pmin, pmax),
      expectPeriodicNotification(ctx, 'G', 'Current /3/0/8', current, since, currentAt, pmin, pmax),
    ]);
  },
});
