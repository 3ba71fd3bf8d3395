import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-685',
  title: 'Device: Delete Object Instance',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-685; OMA-TS-LightweightM2M_Core §6.3.7 (Delete)',
  purpose: 'The server deletes the Device instance /3/0; the client must answer 4.05 Method Not Allowed and keep it.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const del = await ctx.server.delete(ctx.target.endpoint, '/3/0');
    ctx.check('A', 'MUST', 'Delete of /3/0 is answered 4.05 Method Not Allowed', codeOf(del), '4.05', on(del));
    const read = await ctx.server.read(ctx.target.endpoint, '/3/0/0', CF.text);
    ctx.check('B', 'MUST', 'The Device instance is still there', codeOf(read), '2.05', on(read));
  },
});
