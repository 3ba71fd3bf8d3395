import { defineCase } from '../../../harness/run/case.ts';
import { CF, configured, onAccount } from '../dm-steps.ts';
import { partialThenReplace } from './instance-writes.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-215',
  title: 'Setting basic information in TLV format',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.3',
  requires: ['format:tlv'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-215; OMA-TS-LightweightM2M_Core §6.3.3, §7.4.3',
  purpose:
    'The server saves /1/0, writes it partially (POST) with the exact TLV bytes of the ETS (2=101, 3=1010, 5=2000, 6=true, 7="U"), ' +
    'reads it, replaces it (PUT) with the saved values and reads again.',
  notes:
    'The replace writes back the saved writable resources (Lifetime included): the ETS replace with a set lacking ' +
    'the mandatory Lifetime is disputed (OMA #236), and read-only resources in a write are refused (int-256).',
  async run(ctx) {
    await configured(ctx, 'C.3');
    await partialThenReplace(ctx, {
      instance: ctx.device.serverAccount.path,
      format: CF.tlv,
      body: Buffer.from('C10265C20303F2C20507D0C10601C10755', 'hex'),
      nodes: [],
      expected: onAccount(ctx, { '/1/0/2': 101, '/1/0/3': 1010, '/1/0/5': 2000, '/1/0/6': true, '/1/0/7': 'U' }),
    });
  },
});
