import { defineCase } from '../../../harness/run/case.ts';
import { CF } from '../dm-steps.ts';
import { senmlWrites } from './senml-write-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-234',
  title: 'Setting basic information in SenML JSON format',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.12',
  requires: ['format:senml-json', 'object:16'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-234; OMA-TS-LightweightM2M_Core §6.3.3 (Write), §6.2.2 (Update on a lifetime change), §7.4.4 (SenML JSON)',
  purpose:
    'In SenML JSON (110), the server updates /1/0 partially (Lifetime 61, Notification Storing true), writes /16/0/0/0 = "test_value" and then /1/0/1 = 63; ' +
    'each write must be answered 2.04, each lifetime change must bring an Update, and each read back in the same format must show the value.',
  notes: 'C.1 plus the Portfolio instance of C.12, as the ETS requires.',
  run: (ctx) => senmlWrites(ctx, CF.senmlJson),
});
