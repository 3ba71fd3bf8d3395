import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, configured, linkAttributes, linksOf, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-260',
  title: 'Discover Command',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.4',
  requires: ['format:link-format', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-260; OMA-TS-LightweightM2M_Core §6.3.2 (Discover), §5.1.2 (attributes)',
  purpose:
    'The server discovers /3, writes pmin=10&pmax=200 on /3, discovers /3/0, writes lt=1&gt=6&st=1 on /3/0/7 and discovers /3/0/7; ' +
    'multiple resources must show dim, and the resource Discover must show the attributes it inherits with its own.',
  notes:
    'Steps follow ETS 1.2 (attributes on /3, Discover of /3/0). Links and attributes are compared as sets, not strings. ' +
    'The ETS expects lower-level attributes on the object-level Discover of step 5, which is disputed (OMA #234, #389); ' +
    'step 5 is not judged, step 6 (the resource Discover with inherited attributes) is.',
  async run(ctx) {
    await configured(ctx, 'C.4');
    const d1 = await ctx.server.discover(ctx.target.endpoint, '/3');
    ctx.require('A', 'MUST', 'Discover /3 is answered 2.05 Content', codeOf(d1), '2.05', on(d1));
    const links = linksOf(d1);
    const dims = Object.fromEntries(['/3/0/6', '/3/0/7', '/3/0/8'].map((uri) => [uri, (linkAttributes(links, uri) as Record<string, unknown>).dim ?? linkAttributes(links, uri)]));
    ctx.check('B', 'MUST', 'The multiple resources 6, 7, 8 are listed with dim=2', dims, { '/3/0/6': '2', '/3/0/7': '2', '/3/0/8': '2' }, on(d1));
    ctx.check('C', 'MUST', 'The single resources 1-5, 9, 11 and 16 are listed', typeof links === 'string' ? links : [...links.keys()],
      expect.that('includes /3/0/1, /3/0/9, /3/0/11, /3/0/16', (v) => Array.isArray(v) && ['/3/0/1', '/3/0/9', '/3/0/11', '/3/0/16'].every((u) => v.includes(u))), on(d1));
    const wa1 = await ctx.server.writeAttributes(ctx.target.endpoint, '/3', 'pmin=10&pmax=200');
    ctx.require('D', 'MUST', 'Write-Attributes pmin=10&pmax=200 on /3 is answered 2.04', codeOf(wa1), '2.04', on(wa1));
    const d2 = await ctx.server.discover(ctx.target.endpoint, '/3/0');
    ctx.check('E', 'MUST', 'Discover /3/0 is answered 2.05 Content', codeOf(d2), '2.05', on(d2));
    const wa2 = await ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/7', 'lt=1&gt=6&st=1');
    ctx.require('F', 'MUST', 'Write-Attributes lt=1&gt=6&st=1 on /3/0/7 is answered 2.04', codeOf(wa2), '2.04', on(wa2));
    const d3 = await ctx.server.discover(ctx.target.endpoint, '/3/0/7');
    ctx.check('G', 'MUST', 'Discover /3/0/7 shows dim=2 and the attributes in force: pmin=10, pmax=200 (inherited), lt=1, gt=6, st=1',
      linkAttributes(linksOf(d3), '/3/0/7'), { pmin: '10', pmax: '200', dim: '2', lt: '1', gt: '6', st: '1' }, on(d3));
  },
});
