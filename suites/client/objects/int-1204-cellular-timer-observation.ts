import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, linksOf, on } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { observeEach } from './object-steps.ts';

/** PSM Timer, Active Timer, eDRX parameters for WB-S1 and NB-S1 mode. */
const timers = ['/10/0/4', '/10/0/5', '/10/0/8', '/10/0/9'];

export default defineCase({
  id: 'LightweightM2M-1.1-int-1204',
  title: 'Cellular Connectivity: Observation of the timers',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.10',
  requires: ['object:10', 'object:11', 'format:link-format', 'operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1204; OMA-TS-LightweightM2M_Core §5.1.2 (pmin, pmax), §6.4.1 (Observe)',
  purpose: 'The server discovers /10, writes pmin/pmax on PSM Timer, Active Timer and the eDRX parameters (/10/0/4, 5, 8, 9) and observes each; each must be answered and then notified regularly.',
  notes:
    'The ETS\'s procedure observes "ID:4, 5, 9, 10" while its pass criteria name 4, 5, 8 and 9, the resources it writes attributes on: those are observed. ' +
    'pmin/pmax are the profile\'s (timing.pmin, timing.pmax), in place of the ETS\'s 5 s / 15 s and 10 s / 20 s. The Discover\'s </10/0/6> (moved to /11 in /10 1.1) is not required.',
  waitsMs: (t) => t.timing.pmaxS * 1000 + t.timing.toleranceMs,
  async run(ctx) {
    await objectConfigured(ctx, 'C.10');
    const discover = await ctx.server.discover(ctx.target.endpoint, '/10');
    const links = linksOf(discover);
    ctx.check('A', 'MUST', `Discover /10 (2.05) lists ${timers.join(', ')}`, { code: codeOf(discover), links: typeof links === 'string' ? links : timers.filter((p) => links.has(p)) }, { code: '2.05', links: timers }, on(discover));
    await observeEach(ctx, timers, objectFormat(ctx), { attributes: 'B', observe: 'C', notified: 'D' });
  },
});
