import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, decoded, linkAttributes, linksOf, on, pick, valuesOf } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { instancesOf } from './object-steps.ts';

/** The links the ETS's Discover shows that C.11 sets (without /10/0/6, which /10 1.1 no longer has). */
const listed = ['/10/0', '/10/0/4', '/10/0/5', '/10/0/8', '/10/0/9', '/10/0/11', '/10/0/13', '/10/0/14'];

/** C.11's power saving values (the ETS's resources 13 and 14). */
const c11Psm = { '/10/0/13': 3, '/10/0/14': 1 };

export default defineCase({
  id: 'LightweightM2M-1.1-int-1201',
  title: 'Cellular Connectivity version 1.1: Querying the readable resources',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.11',
  requires: ['object:10', 'object:11', 'format:link-format'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1201; OMA-TS-LightweightM2M_Core §6.3.2 (Discover, ver), §6.3.1 (Read); registry object 10 version 1.1',
  purpose:
    'The server discovers /10 (the object at version 1.1, with its v1.1 resources 11, 13 and 14) and reads /10/0 in TLV: Activated Profile Names must name the enabled APN profile 11:0, ' +
    'and the power saving resources hold the C.11 values.',
  notes:
    'The ETS\'s Discover also lists </10/0/6> (Serving PLMN Rate control), which object 10 version 1.1 moved to the APN profile /11: it is not required. ' +
    'The ETS prints ver="1.1"; the quoted and the unquoted form (Core 1.1) are both taken. /10/0/13 and /10/0/14 are written with the C.11 values when the device holds others (restored after the case).',
  async run(ctx) {
    await objectConfigured(ctx, 'C.11', Object.keys(c11Psm));
    const discover = await ctx.server.discover(ctx.target.endpoint, '/10');
    ctx.require('A', 'MUST', 'Discover /10 is answered 2.05 Content', codeOf(discover), '2.05', on(discover));
    const links = linksOf(discover);
    const object = linkAttributes(links, '/10');
    const version = typeof object === 'string' ? object : String(object.ver ?? 'no ver').replace(/^"(.*)"$/, '$1');
    ctx.check('B', 'MUST', 'The object link </10> says ver=1.1', version, '1.1', on(discover));
    ctx.check('C', 'MUST', `Discover lists ${listed.join(', ')}`, typeof links === 'string' ? links : listed.filter((p) => links.has(p)), listed, on(discover));
    const format = objectFormat(ctx);
    const read = await ctx.server.read(ctx.target.endpoint, '/10/0', format);
    ctx.require('D', 'MUST', 'Read of /10/0 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    const values = valuesOf(decoded(read, '/10/0'));
    ctx.check('E', 'MUST', 'Activated Profile Names /10/0/11 names the enabled APN profile 11:0', instancesOf(values, '/10/0/11'), expect.includes('11:0'), on(read));
    ctx.check('F', 'MUST', 'The power saving resources hold the C.11 values (/10/0/13 = 3, /10/0/14 = 1)', pick(values, Object.keys(c11Psm)), c11Psm, on(read));
  },
});
