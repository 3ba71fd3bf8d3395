import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, decoded, linksOf, on, valuesOf } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { encoded, valueAt } from './object-steps.ts';

const psm = ['/10/0/13', '/10/0/14'];

export default defineCase({
  id: 'LightweightM2M-1.1-int-1202',
  title: 'Cellular Connectivity version 1.1: Setting the power saving resources',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.11',
  requires: ['object:10', 'object:11', 'format:link-format'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1202 (1.0.1: int-1210); OMA-TS-LightweightM2M_Core §6.3.3 (Write), §6.3.1 (Read); registry object 10 version 1.1',
  purpose: 'The server discovers /10, reads /10/0/13 (3, as C.11 sets it), writes /10/0/14 = 2 in TLV and reads it back: the device must hold 2.',
  notes:
    'The ETS prints the TLV of the write as C10 0D 02; it is C1 0E 02 (resource 14, one byte, 2), as the case sends it. ' +
    'The write is in TLV when the profile claims it, else in another multi-value format it claims. /10/0/14 is written back to the value the device held after the case.',
  async run(ctx) {
    const config = await objectConfigured(ctx, 'C.11', ['/10/0/13']);
    const discover = await ctx.server.discover(ctx.target.endpoint, '/10');
    const links = linksOf(discover);
    ctx.check('A', 'MUST', 'Discover /10 (2.05) lists </10/0/13> and </10/0/14>', { code: codeOf(discover), links: typeof links === 'string' ? links : psm.filter((p) => links.has(p)) }, { code: '2.05', links: psm }, on(discover));
    const format = objectFormat(ctx);
    const read13 = await ctx.server.read(ctx.target.endpoint, '/10/0/13', format);
    ctx.check('B', 'MUST', 'Read of /10/0/13 (2.05) shows 3, as C.11 sets it', { code: codeOf(read13), value: valueAt(valuesOf(decoded(read13, '/10/0/13')), '/10/0/13') }, { code: '2.05', value: 3 }, on(read13));
    const held = config.objects['/10/0/14'];
    ctx.afterCase(async () => {
      if (held === undefined) return;
      const restore = await ctx.server.writeBody(ctx.target.endpoint, '/10/0/14', String(held), CF.text);
      if (codeOf(restore) !== '2.04') ctx.note(`restoring /10/0/14 to ${String(held)} was answered ${codeOf(restore)}`);
    });
    const write = await ctx.server.writeBody(ctx.target.endpoint, '/10/0/14', encoded(format, '/10/0/14', [{ path: '/10/0/14', type: 'unsigned', value: 2 }]), format);
    ctx.require('C', 'MUST', 'The write of /10/0/14 = 2 is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    const read14 = await ctx.server.read(ctx.target.endpoint, '/10/0/14', format);
    ctx.check('D', 'MUST', 'Reading /10/0/14 back (2.05) shows 2', { code: codeOf(read14), value: valueAt(valuesOf(decoded(read14, '/10/0/14')), '/10/0/14') }, { code: '2.05', value: 2 }, on(read14));
  },
});
