import { defineCase } from '../../../harness/run/case.ts';
import { CF } from '../dm-steps.ts';
import { senmlReads } from './senml-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-232',
  title: 'Querying basic information in SenML CBOR format',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['format:senml-cbor'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-232; OMA-TS-LightweightM2M_Core §6.3.1 (Read), §7.4.5 (SenML CBOR)',
  purpose: 'The server reads /1, /3/0, /3/0/16 and /3/0/11/0 with Accept 112; each must be 2.05 SenML CBOR holding the C.1 values at the level read.',
  run: (ctx) => senmlReads(ctx, CF.senmlCbor),
});
