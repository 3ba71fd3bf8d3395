import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, on } from '../dm-steps.ts';
import { expectLifetimeUpdate } from './lifetime-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-227',
  title: 'Write (replace) on Resource',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-227; OMA-TS-LightweightM2M_Core §6.3.3, §6.2.2',
  purpose: 'The server writes Lifetime /1/0/1 = 63; the client must answer 2.04, send an Update with lt=63, and read back 63.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const lifetime = ctx.device.serverAccount.resource(1);
    const since = ctx.server.position();
    const write = await ctx.server.writeBody(ctx.target.endpoint, lifetime, '63', CF.text);
    ctx.require('A', 'MUST', 'The write is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    await expectLifetimeUpdate(ctx, 'B', since, 63);
    const read = await ctx.server.read(ctx.target.endpoint, lifetime, CF.text);
    ctx.check('C', 'MUST', `Reading ${lifetime} gives 63`, read.response?.payload.toString('utf8') ?? codeOf(read), '63', on(read));
  },
});
