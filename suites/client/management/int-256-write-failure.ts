import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-256',
  title: 'Write Operation Failure',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-256; OMA-TS-LightweightM2M_Core §6.3.3 (4.05 for a resource that cannot be written)',
  purpose: 'The server writes 123 to the read-only Short Server ID /1/0/0; the client must answer 4.05 and keep the value 1.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const write = await ctx.server.writeBody(ctx.target.endpoint, '/1/0/0', '123', CF.text);
    ctx.check('A', 'MUST', 'The write is answered 4.05 Method Not Allowed', codeOf(write), '4.05', on(write));
    const read = await ctx.server.read(ctx.target.endpoint, '/1/0/0', CF.text);
    ctx.check('B', 'MUST', 'Short Server ID is still 1', read.response?.payload.toString('utf8') ?? codeOf(read), '1', on(read));
  },
});
