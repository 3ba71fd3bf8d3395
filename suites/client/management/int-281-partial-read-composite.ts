import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, decoded, on, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from './composite-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-281',
  title: 'Partially Successful Read-Composite Operation',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:read-composite'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-281; OMA-TS-LightweightM2M_Core §6.3.8 (best effort: unreadable paths are left out)',
  purpose: 'The server sends FETCH with /1/0/1, /1/0/7 and the executable /1/0/8; the answer must be 2.05 with Lifetime and Binding only.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const read = await ctx.server.readComposite(ctx.target.endpoint, ['/1/0/1', '/1/0/7', '/1/0/8'], senmlFormat(ctx));
    ctx.require('A', 'MUST', 'The FETCH is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', 'The answer holds exactly /1/0/1 = 86400 and /1/0/7 = "U" (no /1/0/8)', valuesOf(decoded(read)), { '/1/0/1': 86400, '/1/0/7': 'U' }, on(read));
  },
});
