import { defineCase } from '../../../harness/run/case.ts';
import { configuredNeeding, on, onAccount } from '../dm-steps.ts';
import { each, readAll } from './read-steps.ts';


export default defineCase({
  id: 'LightweightM2M-1.1-int-224',
  title: 'Read on Resource',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-224; OMA-TS-LightweightM2M_Core §6.3.1, §7 (a response names its Content-Format)',
  purpose: 'The server reads /1/0/0, /1/0/1, /1/0/6, /1/0/7 and /3/0/16 without Accept; each must be 2.05 in a format the answer names, with the C.1 value.',
  async run(ctx) {
    // The Server values are written where they differ; the Binding (/3/0/16) is read-only, judged as the device holds it.
    const { values: held } = await configuredNeeding(ctx, ['/1/0/1', '/1/0/6', '/1/0/7'], 'C.1');
    const expected: Record<string, unknown> = onAccount(ctx, { '/1/0/0': ctx.device.serverAccount.ssid, '/1/0/1': 86400, '/1/0/6': false, '/1/0/7': 'U', '/3/0/16': held['/3/0/16'] ?? 'U' });
    const paths = Object.keys(expected);
    const reads = await readAll(ctx, paths);
    ctx.check('A', 'MUST', 'Each Read is answered 2.05 Content', reads.codes, each(paths, '2.05'), on(reads.first));
    ctx.check('B', 'MUST', 'Each answer names its Content-Format', Object.fromEntries(paths.map((p) => [p, reads.formats[p] === null ? 'none' : 'present'])), each(paths, 'present'), on(reads.first));
    ctx.check('C', 'MUST', 'Each answer carries the C.1 value (the Binding as the device holds it)', Object.fromEntries(paths.map((p) => [p, typeof reads.values[p] === 'string' ? reads.values[p] : (reads.values[p] as Record<string, unknown>)[p] ?? null])), expected, on(reads.first));
  },
});
