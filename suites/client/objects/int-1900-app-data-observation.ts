import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, linksOf, on } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { observeEach } from './object-steps.ts';

const listed = ['/19', '/19/0', '/19/0/0'];

export default defineCase({
  id: 'LightweightM2M-1.1-int-1900',
  title: 'BinaryAppDataContainer: Observation of the data',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.15',
  requires: ['object:19', 'format:link-format', 'operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1900; OMA-TS-LightweightM2M_Core §6.3.2 (Discover), §5.1.2 (pmin, pmax), §6.4.1 (Observe); registry object 19',
  purpose: 'The server discovers /19, writes pmin/pmax on the data /19/0/0 (client to server) and observes it; the device must answer with the data and then notify regularly.',
  notes:
    'The ETS expects </19>;ver="1.1"; the registry\'s newest BinaryAppDataContainer is version 1.0, which a Discover shows without ver: the version is not judged. ' +
    'pmin/pmax are the profile\'s (timing.pmin, timing.pmax) in place of the ETS\'s 300 s / 3600 s. The observation asks for TLV (a multiple resource) when the profile claims it.',
  waitsMs: (t) => t.timing.pmaxS * 1000 + t.timing.toleranceMs,
  async run(ctx) {
    await objectConfigured(ctx, 'C.15');
    const discover = await ctx.server.discover(ctx.target.endpoint, '/19');
    const links = linksOf(discover);
    ctx.check('A', 'MUST', `Discover /19 (2.05) lists ${listed.join(', ')}`, { code: codeOf(discover), links: typeof links === 'string' ? links : listed.filter((p) => links.has(p)) }, { code: '2.05', links: listed }, on(discover));
    await observeEach(ctx, ['/19/0/0'], objectFormat(ctx), { attributes: 'B', observe: 'C', notified: 'D' });
  },
});
