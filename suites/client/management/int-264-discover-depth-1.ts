import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, on } from '../dm-steps.ts';
import { attributesOf, uris } from './depth-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.2-int-264',
  title: 'Discover with depth=1',
  interface: 'management',
  tests: 'client',
  since: '1.2',
  config: 'C.4',
  requires: ['format:link-format', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 1.2-int-264; OMA-TS-LightweightM2M_Core 1.2 §5.4.2 (Discover, depth), §5.1.2 (attributes)',
  purpose:
    'The server discovers /3 with depth=1: only </3> (with its attributes) and </3/0> may be listed. After pmax=200 is written on /3/0, ' +
    'the same Discover must show it on </3/0>.',
  notes:
    'The ETS expects </3>;pmin=1;pmax=10 with no Write-Attributes before it, the values of C.4\'s server defaults /1/0/2 and /1/0/3. ' +
    'Server defaults are not attributes of /3 (Core 1.2 §5.1), so the harness first writes pmin=1&pmax=10 on /3; the expected answer is then the ETS\'s on either reading. ' +
    'Links and attributes are compared as sets, not strings; ver= on </3> is allowed.',
  async run(ctx) {
    await configured(ctx, 'C.4');
    const endpoint = ctx.target.endpoint;
    const wa1 = await ctx.server.writeAttributes(endpoint, '/3', 'pmin=1&pmax=10');
    ctx.require('A', 'MUST', 'Write-Attributes pmin=1&pmax=10 on /3 is answered 2.04', codeOf(wa1), '2.04', on(wa1));
    const d1 = await ctx.server.discover(endpoint, '/3', 1);
    ctx.require('B', 'MUST', 'Discover /3?depth=1 is answered 2.05 Content', codeOf(d1), '2.05', on(d1));
    ctx.check('C', 'MUST', 'It lists </3> and </3/0> only (no resources at depth 1)', uris(d1), ['/3', '/3/0'], on(d1));
    ctx.check('D', 'MUST', '</3> carries pmin=1;pmax=10', attributesOf(d1, '/3', ['pmin', 'pmax']), { pmin: '1', pmax: '10' }, on(d1));
    const wa2 = await ctx.server.writeAttributes(endpoint, '/3/0', 'pmax=200');
    ctx.require('E', 'MUST', 'Write-Attributes pmax=200 on /3/0 is answered 2.04', codeOf(wa2), '2.04', on(wa2));
    const d2 = await ctx.server.discover(endpoint, '/3', 1);
    ctx.check('F', 'MUST', 'Discover /3?depth=1 again: </3>;pmin=1;pmax=10 and </3/0>;pmax=200',
      { '/3': attributesOf(d2, '/3', ['pmin', 'pmax']), '/3/0': attributesOf(d2, '/3/0', ['pmin', 'pmax']) }, { '/3': { pmin: '1', pmax: '10' }, '/3/0': { pmax: '200' } }, on(d2));
  },
});
