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
    const [lifetime, binding, trigger] = [1, 7, 8].map(ctx.device.serverAccount.resource);
    const read = await ctx.server.readComposite(ctx.target.endpoint, [lifetime!, binding!, trigger!], senmlFormat(ctx));
    ctx.require('A', 'MUST', 'The FETCH is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', `The answer holds exactly ${lifetime} = 86400 and ${binding} = "U" (no ${trigger})`, valuesOf(decoded(read)), { [lifetime!]: 86400, [binding!]: 'U' }, on(read));
  },
});
