import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, decoded, on, pathsOf, valuesOf } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-228',
  title: 'Write on Resource Instance',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['object:16'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-228; OMA-TS-LightweightM2M_Core §6.3.3 (resource-instance paths)',
  purpose: 'The server writes "test" to the Portfolio Identity instance /16/0/0/1 and reads it back; only that instance, with "test", must come back.',
  notes: 'The ETS prints the write as POST; a write of a resource instance is PUT (erratum, CATALOGUE §6). The Portfolio instance comes from C.12.',
  async run(ctx) {
    await configured(ctx, 'C.1', 'C.12');
    const write = await ctx.server.writeBody(ctx.target.endpoint, '/16/0/0/1', 'test', CF.text);
    ctx.require('A', 'MUST', 'PUT /16/0/0/1 is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    const read = await ctx.server.read(ctx.target.endpoint, '/16/0/0/1');
    const values = valuesOf(decoded(read, '/16/0/0/1'));
    ctx.check('B', 'MUST', 'Reading /16/0/0/1 gives "test"', typeof values === 'string' ? values : values['/16/0/0/1'] ?? null, 'test', on(read));
    ctx.check('C', 'MUST', 'The answer holds that instance only', pathsOf(values), ['/16/0/0/1'], on(read));
  },
});
