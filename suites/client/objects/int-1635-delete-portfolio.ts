import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, configured, linksOf, on } from '../dm-steps.ts';

/** Instance links (</16/x>) of a Discover answer; a text when it did not parse. */
const instancesIn = (links: ReturnType<typeof linksOf>) => (typeof links === 'string' ? links : [...links.keys()].filter((u) => /^\/16\/\d+$/.test(u)));

export default defineCase({
  id: 'LightweightM2M-1.1-int-1635',
  title: 'Delete Portfolio Object Instance(s)',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.12',
  requires: ['object:16', 'operation:delete', 'format:link-format'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1635; OMA-TS-LightweightM2M_Core §6.3.7 (Delete), §6.3.2 (Discover)',
  purpose: 'The server discovers /16, deletes every Portfolio instance it lists, and discovers /16 again; each Delete must be answered 2.02 and only </16> may remain.',
  notes: 'The ETS text expects "2.04 Deleted", an erratum (CATALOGUE §6): 2.02 Deleted is judged.',
  async run(ctx) {
    await configured(ctx, 'C.1', 'C.12');
    const d1 = await ctx.server.discover(ctx.target.endpoint, '/16');
    const instances = instancesIn(linksOf(d1));
    ctx.require('A', 'MUST', 'Discover /16 (2.05) lists the Portfolio instances', { code: codeOf(d1), instances },
      expect.that('code 2.05 with </16/0> among the instances', (v) => (v as { code: string }).code === '2.05' && Array.isArray((v as { instances: unknown }).instances) && ((v as { instances: string[] }).instances).includes('/16/0')), on(d1));
    const codes: Record<string, string> = {};
    let first;
    for (const uri of instances as string[]) {
      const del = await ctx.server.delete(ctx.target.endpoint, uri);
      first ??= del;
      codes[uri] = codeOf(del);
    }
    ctx.check('B', 'MUST', 'Each Delete is answered 2.02 Deleted', codes, Object.fromEntries((instances as string[]).map((u) => [u, '2.02'])), on(first));
    const d2 = await ctx.server.discover(ctx.target.endpoint, '/16');
    const links = linksOf(d2);
    ctx.check('C', 'MUST', 'Discover /16 (2.05) now lists </16> only', { code: codeOf(d2), links: typeof links === 'string' ? links : [...links.keys()] }, { code: '2.05', links: ['/16'] }, on(d2));
  },
});
