import { defineCase } from '../../../harness/run/case.ts';
import { CF, configured, onAccount } from '../dm-steps.ts';
import { partialThenReplace } from './instance-writes.ts';

/** The ETS's OMA JSON body, named at the device's Server instance. */
const bodyAt = (server: string) => JSON.stringify({
  bn: `${server}/`,
  e: [{ n: '2', v: 101 }, { n: '3', v: 1010 }, { n: '5', v: 2000 }, { n: '6', bv: true }, { n: '7', sv: 'U' }],
});

export default defineCase({
  id: 'LightweightM2M-1.1-int-220',
  title: 'Setting basic information in JSON format',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.3',
  requires: ['format:oma-json'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-220; OMA-TS-LightweightM2M_Core §7.4.4 (JSON, 11543)',
  purpose: 'As int-215, with the partial update in OMA JSON (11543): 2=101, 3=1010, 5=2000, 6=true, 7="U".',
  notes: 'The ETS JSON writes 101 as "0101", a number JSON does not allow (erratum); 101 is sent. The replace is as in int-215.',
  async run(ctx) {
    await configured(ctx, 'C.3');
    await partialThenReplace(ctx, {
      instance: ctx.device.serverAccount.path,
      format: CF.omaJson,
      body: Buffer.from(bodyAt(ctx.device.serverAccount.path)),
      nodes: [],
      expected: onAccount(ctx, { '/1/0/2': 101, '/1/0/3': 1010, '/1/0/5': 2000, '/1/0/6': true, '/1/0/7': 'U' }),
    });
  },
});
