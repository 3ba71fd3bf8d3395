import { defineCase } from '../../../harness/run/case.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import { at, bootstrapRequested, codeOf, registersAfter, writeServerAccount } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-8',
  title: 'Bootstrap Read',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.1',
  config: 'C.13',
  requires: ['bootstrap:client-initiated', 'object:2'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-8; OMA-TS-LightweightM2M_Core §5.2.7.2',
  purpose:
    'The bootstrap server writes /0, /1 and the ACL /2/0, then reads /1 and /2: both reads must be answered ' +
    '2.05 with the values written; Finish is then answered 2.04.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const since = ctx.server.position();
    const writes = await writeServerAccount(ctx);
    const acl = await ctx.bootstrap.write(ep, '/2/0', [{ object: 2, instance: 0, values: { 0: 3, 1: 0, 2: { 0: 31 }, 3: 65535 } }]);
    ctx.precondition([...writes, acl].every((w) => w.response?.code === '2.04'), `the configuration could not be written (${[...writes, acl].map(codeOf).join(', ')})`);
    const read1 = await ctx.bootstrap.read(ep, '/1');
    ctx.check('B', 'MUST', 'Bootstrap-Read of /1 is answered 2.05 Content', codeOf(read1), '2.05', at(read1));
    if (read1.response?.code === '2.05') {
      const codec = read1.response.contentFormat !== undefined ? contentFormat(read1.response.contentFormat) : undefined;
      const decoded = codec?.decode(read1.response.payload, { path: '/1', model: coreModel() });
      const ssid = decoded?.ok ? decoded.value.find((n) => n.path === '/1/0/0')?.value : undefined;
      ctx.check('C', 'MUST', 'The read of /1 shows the Short Server ID written (/1/0/0 = 1)', ssid ?? null, 1, at(read1));
    }
    const read2 = await ctx.bootstrap.read(ep, '/2');
    ctx.check('D', 'MUST', 'Bootstrap-Read of /2 is answered 2.05 Content', codeOf(read2), '2.05', at(read2));
    const finish = await ctx.bootstrap.finish(ep);
    ctx.require('E', 'MUST', 'Bootstrap-Finish is answered 2.04 Changed', codeOf(finish), '2.04', at(finish));
    await registersAfter(ctx, 'F', since);
  },
});
