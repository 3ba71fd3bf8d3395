import { defineCase } from '../../../harness/run/case.ts';
import { CF, configuredNeeding, on, onAccount } from '../dm-steps.ts';
import { each, readAll } from './read-steps.ts';


export default defineCase({
  id: 'LightweightM2M-1.1-int-211',
  title: 'Querying basic information in CBOR format',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['format:cbor'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-211; OMA-TS-LightweightM2M_Core §7.3.2 (CBOR, 60)',
  purpose: 'The server reads Short Server ID, Notification Storing and Binding (/1/0/0, /1/0/6, /1/0/7) with Accept 60; each must be a 2.05 single CBOR value.',
  async run(ctx) {
    await configuredNeeding(ctx, ['/1/0/6', '/1/0/7'], 'C.1');
    const account = ctx.device.serverAccount;
    const expected = onAccount(ctx, { '/1/0/0': account.ssid, '/1/0/6': false, '/1/0/7': 'U' });
    const paths = Object.keys(expected);
    const reads = await readAll(ctx, paths, CF.cbor);
    ctx.check('A', 'MUST', 'Each Read is answered 2.05 Content', reads.codes, each(paths, '2.05'), on(reads.first));
    ctx.check('B', 'MUST', 'Each answer has Content-Format 60 (CBOR)', reads.formats, each(paths, CF.cbor), on(reads.first));
    ctx.check('C', 'MUST', `The values are SSID ${account.ssid}, Notification Storing false, Binding "U"`, Object.fromEntries(paths.map((p) => [p, (reads.values[p] as Record<string, unknown>)?.[p] ?? reads.values[p]])), expected, on(reads.first));
  },
});
