import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, decoded, on, pathsOf, valuesOf } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-225',
  title: 'Read on Resource Instance',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-225; OMA-TS-LightweightM2M_Core §6.3.1 (resource-instance paths, LwM2M 1.1)',
  purpose: 'The server reads the Error Code instance /3/0/11/0; the answer must be 2.05 holding that instance only, value 0.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const read = await ctx.server.read(ctx.target.endpoint, '/3/0/11/0');
    ctx.require('A', 'MUST', 'Read of /3/0/11/0 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    const values = valuesOf(decoded(read, '/3/0/11/0'));
    ctx.check('B', 'MUST', 'The answer holds only /3/0/11/0', pathsOf(values), ['/3/0/11/0'], on(read));
    ctx.check('C', 'MUST', 'Its value is 0 (no error)', typeof values === 'string' ? values : values['/3/0/11/0'], 0, on(read));
  },
});
