import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, linksOf, on } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { observeEach } from './object-steps.ts';

const psm = ['/10/0/13', '/10/0/14'];

export default defineCase({
  id: 'LightweightM2M-1.1-int-1203',
  title: 'Cellular Connectivity version 1.1: Observation of the power saving resources',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.11',
  requires: ['object:10', 'object:11', 'format:link-format', 'operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1203 (1.0.1: int-1230); OMA-TS-LightweightM2M_Core §5.1.2 (pmin, pmax), §6.4.1 (Observe)',
  purpose: 'The server discovers /10, writes pmin/pmax on /10/0/13 and /10/0/14 and observes both; each must be answered with its value and then notified regularly (at pmax, as nothing changes).',
  notes: 'pmin/pmax are the profile\'s (timing.pmin, timing.pmax) on both resources, in place of the ETS\'s 5 s / 15 s and 10 s / 20 s.',
  waitsMs: (t) => t.timing.pmaxS * 1000 + t.timing.toleranceMs,
  async run(ctx) {
    await objectConfigured(ctx, 'C.11');
    const discover = await ctx.server.discover(ctx.target.endpoint, '/10');
    const links = linksOf(discover);
    ctx.check('A', 'MUST', 'Discover /10 (2.05) lists </10/0/13> and </10/0/14>', { code: codeOf(discover), links: typeof links === 'string' ? links : psm.filter((p) => links.has(p)) }, { code: '2.05', links: psm }, on(discover));
    await observeEach(ctx, psm, objectFormat(ctx), { attributes: 'B', observe: 'C', notified: 'D' });
  },
});
