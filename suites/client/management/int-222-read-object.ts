import { defineCase } from '../../../harness/run/case.ts';
import { configured } from '../dm-steps.ts';
import { readComplete } from './complete-reads.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-222',
  title: 'Read on Object',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['format:link-format'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-222; OMA-TS-LightweightM2M_Core §6.3.1',
  purpose: 'The server reads the Server object /1 and the Device object /3; each answer must be 2.05 with every instance and readable resource.',
  notes: 'Which resources an instance has is taken from the client\'s own Discover of the object; the read uses a multi-value format the profile claims.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    await readComplete(ctx, ['/1', '/3'], [['A', 'B'], ['C', 'D']]);
  },
});
