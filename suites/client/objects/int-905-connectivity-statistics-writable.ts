import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, on } from '../dm-steps.ts';
import { instanceConfigured, readInstance } from './object-instance-steps.ts';

const PERIOD = '/7/0/8';

export default defineCase({
  id: 'LightweightM2M-1.1-int-905',
  title: 'Conn. Statistics: setting the writable resources',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.9',
  requires: ['object:7'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-905; OMA-TS-LightweightM2M_Core §6.3.1 (Read), §6.3.3 (Write), Appendix E (Object 7: Collection Period /7/0/8)',
  purpose: 'The server reads /7/0, writes the Collection Period /7/0/8 and reads it back; the write must be answered 2.04 and the value read back be the one written.',
  notes: 'The period written is 60 s (120 s when the device already holds 60); the value the device held is written back after the case. No collection is started, so the period never runs.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await instanceConfigured(ctx, '/7/0', 'C.9');
    const before = await readInstance(ctx, '/7/0');
    ctx.require('A', 'MUST', 'Read of /7/0 is answered 2.05 Content', codeOf(before.outcome), '2.05', on(before.outcome));
    const held = typeof before.values === 'string' ? undefined : before.values[PERIOD];
    ctx.precondition(typeof held === 'number', `the device has no Collection Period ${PERIOD} (an optional resource) in its /7/0: ${JSON.stringify(before.values)}`);
    const period = held === 60 ? 120 : 60;
    const write = await ctx.server.writeBody(ep, PERIOD, String(period), CF.text);
    ctx.require('B', 'MUST', `Write ${PERIOD} = ${period} is answered 2.04 Changed`, codeOf(write), '2.04', on(write));
    ctx.afterCase(async () => void (await ctx.server.writeBody(ep, PERIOD, String(held), CF.text)));
    const read = await ctx.server.read(ep, PERIOD, CF.text);
    ctx.check('C', 'MUST', `Reading ${PERIOD} (2.05) shows the period written`, { code: codeOf(read), value: read.response?.payload.toString('utf8') ?? null },
      { code: '2.05', value: String(period) }, on(read));
  },
});
