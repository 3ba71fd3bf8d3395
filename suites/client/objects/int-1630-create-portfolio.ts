import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, decoded, linkAttributes, linksOf, on, pick, valuesOf } from '../dm-steps.ts';
import { createSecondPortfolio, secondPortfolio } from './portfolio-steps.ts';

const dimOf = (links: ReturnType<typeof linksOf>, uri: string) => {
  const attributes = linkAttributes(links, uri);
  return typeof attributes === 'string' ? attributes : (attributes.dim ?? 'no dim');
};

export default defineCase({
  id: 'LightweightM2M-1.1-int-1630',
  title: 'Create Portfolio Object Instance',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.12',
  requires: ['object:16', 'operation:create', 'format:link-format'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1630; OMA-TS-LightweightM2M_Core §6.3.6 (Create), §6.3.2 (Discover)',
  purpose:
    'The server discovers /16 (Identity of /16/0 with dim=4), creates /16/1 with two Identity instances (the 1630-set), ' +
    'and checks with Discover and a Read of /16 that the new instance is there with its values.',
  notes:
    'The ETS prints the links as </16/0/0/>; a link to a resource has no trailing slash (Core §6.3.2, RFC 6690), so </16/0/0> is judged. ' +
    'The Create is in TLV, as the ETS gives it, when the profile claims TLV; the final Read uses the same format.',
  async run(ctx) {
    await configured(ctx, 'C.1', 'C.12');
    const d1 = await ctx.server.discover(ctx.target.endpoint, '/16');
    ctx.check('A', 'MUST', 'Discover /16 (2.05) lists Identity </16/0/0> with dim=4', { code: codeOf(d1), dim: dimOf(linksOf(d1), '/16/0/0') }, { code: '2.05', dim: '4' }, on(d1));
    const create = await createSecondPortfolio(ctx);
    ctx.require('B', 'MUST', 'Create on /16 (instance 1, Identity 0 and 1) is answered 2.01 Created', codeOf(create), '2.01', on(create));
    ctx.check('C', 'SHOULD', 'The new instance is /16/1 (Location-Path)', create.response?.locationPath ?? 'no Location-Path', '/16/1', on(create));
    const d2 = await ctx.server.discover(ctx.target.endpoint, '/16');
    ctx.check('D', 'MUST', 'Discover /16 now lists Identity </16/1/0> with dim=2', { code: codeOf(d2), dim: dimOf(linksOf(d2), '/16/1/0') }, { code: '2.05', dim: '2' }, on(d2));
    const format = ctx.target.features.has('format:tlv') ? CF.tlv : undefined;
    const read = await ctx.server.read(ctx.target.endpoint, '/16', format);
    const wanted = { '/16/0/0/0': 'Host Device ID #1', ...secondPortfolio };
    ctx.check('E', 'MUST', 'Reading /16 shows both instances with their values', pick(valuesOf(decoded(read, '/16')), Object.keys(wanted)), wanted, on(read));
  },
});
