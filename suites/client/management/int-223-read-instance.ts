import { defineCase } from '../../../harness/run/case.ts';
import { configured } from '../dm-steps.ts';
import { readComplete } from './complete-reads.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-223',
  title: 'Read on Object Instance',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['format:link-format'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-223; OMA-TS-LightweightM2M_Core §6.3.1',
  purpose: 'The server reads the instances /1/0 and /3/0; each answer must be 2.05 with every readable resource of the instance.',
  notes: 'Which resources an instance has is taken from the client\'s own Discover of it.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    await readComplete(ctx, [ctx.device.serverAccount.path, '/3/0'], [['A', 'B'], ['C', 'D']]);
  },
});
