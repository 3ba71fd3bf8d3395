import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, linkAttributes, linksOf, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-261',
  title: 'Write-Attribute Operation on a multiple resource',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['format:link-format', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-261; OMA-TS-LightweightM2M_Core §5.1.2, §6.3.2',
  purpose:
    'The server discovers /3/0/11, writes pmin=10&pmax=200 on /3, pmax=320 on /3/0 and pmax=100&epmin=1&epmax=20 on /3/0/11/0, ' +
    'then discovers /3/0/11: the resource shows dim=1 with pmin=10 and pmax=320 inherited, the instance its own attributes.',
  notes: 'The ETS prints the expected attributes separated by "&" instead of ";" (erratum); attributes are compared as sets.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const d1 = await ctx.server.discover(ctx.target.endpoint, '/3/0/11');
    ctx.require('A', 'MUST', 'Discover /3/0/11 is answered 2.05 Content', codeOf(d1), '2.05', on(d1));
    const l1 = linksOf(d1);
    ctx.check('B', 'MUST', 'It lists </3/0/11>;dim=1 and </3/0/11/0>', { '/3/0/11': linkAttributes(l1, '/3/0/11'), '/3/0/11/0': linkAttributes(l1, '/3/0/11/0') }, { '/3/0/11': { dim: '1' }, '/3/0/11/0': {} }, on(d1));
    const codes: Record<string, string> = {};
    let first;
    for (const [path, attributes] of [['/3', 'pmin=10&pmax=200'], ['/3/0', 'pmax=320'], ['/3/0/11/0', 'pmax=100&epmin=1&epmax=20']] as const) {
      const w = await ctx.server.writeAttributes(ctx.target.endpoint, path, attributes);
      first ??= w;
      codes[`${path}?${attributes}`] = codeOf(w);
    }
    ctx.require('C', 'MUST', 'Each Write-Attributes is answered 2.04', Object.values(codes).every((c) => c === '2.04') ? 'all 2.04' : codes, 'all 2.04', on(first));
    const d2 = await ctx.server.discover(ctx.target.endpoint, '/3/0/11');
    const l2 = linksOf(d2);
    ctx.check('D', 'MUST', '</3/0/11> shows dim=1, pmin=10 and pmax=320', linkAttributes(l2, '/3/0/11'), { dim: '1', pmin: '10', pmax: '320' }, on(d2));
    ctx.check('E', 'MUST', '</3/0/11/0> shows pmax=100, epmin=1 and epmax=20', linkAttributes(l2, '/3/0/11/0'), { pmax: '100', epmin: '1', epmax: '20' }, on(d2));
  },
});
