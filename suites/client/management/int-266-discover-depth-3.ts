import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, on } from '../dm-steps.ts';
import { attributesOf, uris } from './depth-steps.ts';

/** Attributes written before the depth-3 Discover, by path. */
const written: Record<string, string> = { '/3': 'pmin=10&pmax=200', '/3/0/7': 'pmax=100', '/3/0/7/1': 'gt=8' };
const resourceInstances = ['/3/0/6/0', '/3/0/6/1', '/3/0/7/0', '/3/0/7/1', '/3/0/8/0', '/3/0/8/1', '/3/0/11/0'];
const isInstanceLink = (uri: string) => uri.split('/').length === 5;

export default defineCase({
  id: 'LightweightM2M-1.2-int-266',
  title: 'Discover with depth=3',
  interface: 'management',
  tests: 'client',
  since: '1.2',
  config: 'C.4',
  requires: ['format:link-format', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 1.2-int-266; OMA-TS-LightweightM2M_Core 1.2 §5.4.2 (Discover, depth), §5.1.2 (attributes per level)',
  purpose:
    'The server discovers /3 with depth=2 (resources, no resource instances), writes attributes on /3, /3/0/7 and /3/0/7/1, and discovers /3 with depth=3: ' +
    'the resource-instance links must appear, each level with its own attributes (</3/0/7/1>;gt=8).',
  notes:
    'The ETS text names gt=8 on /3/0/7/1; the attributes on /3 (pmin=10&pmax=200, as in int-260) and /3/0/7 (pmax=100) are the harness\'s choice. ' +
    'Links and attributes are compared as sets.',
  async run(ctx) {
    await configured(ctx, 'C.4');
    const endpoint = ctx.target.endpoint;
    const d2 = await ctx.server.discover(endpoint, '/3', 2);
    ctx.require('A', 'MUST', 'Discover /3?depth=2 is answered 2.05 Content', codeOf(d2), '2.05', on(d2));
    const listed = uris(d2);
    ctx.check('B', 'MUST', 'At depth 2 the resources are listed and no resource instance', typeof listed === 'string' ? listed : { resources: listed.includes('/3/0/7'), instances: listed.filter(isInstanceLink) },
      { resources: true, instances: [] }, on(d2));
    const codes: Record<string, string> = {};
    let first;
    for (const [path, query] of Object.entries(written)) {
      const wa = await ctx.server.writeAttributes(endpoint, path, query);
      first ??= wa;
      codes[`${path}?${query}`] = codeOf(wa);
    }
    ctx.require('C', 'MUST', 'The three Write-Attributes are answered 2.04', codes, Object.fromEntries(Object.keys(codes).map((k) => [k, '2.04'])), on(first));
    const d3 = await ctx.server.discover(endpoint, '/3', 3);
    const deep = uris(d3);
    ctx.check('D', 'MUST', 'Discover /3?depth=3 (2.05) lists the resource instances', { code: codeOf(d3), instances: typeof deep === 'string' ? deep : deep.filter(isInstanceLink) },
      { code: '2.05', instances: resourceInstances }, on(d3));
    ctx.check('E', 'MUST', 'Each level shows its own attributes: </3>;pmin=10;pmax=200, </3/0/7>;pmax=100, </3/0/7/1>;gt=8',
      { '/3': attributesOf(d3, '/3', ['pmin', 'pmax']), '/3/0/7': attributesOf(d3, '/3/0/7', ['pmin', 'pmax', 'gt']), '/3/0/7/1': attributesOf(d3, '/3/0/7/1', ['pmin', 'pmax', 'gt']) },
      { '/3': { pmin: '10', pmax: '200' }, '/3/0/7': { pmax: '100' }, '/3/0/7/1': { gt: '8' } }, on(d3));
  },
});
