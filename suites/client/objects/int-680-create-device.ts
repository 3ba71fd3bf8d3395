import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-680',
  title: 'Device: Create Object Instance',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  requires: ['format:tlv'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-680; OMA-TS-LightweightM2M_Core §6.3.6 (Create), Appendix E.4 (Device is single-instance)',
  purpose: 'The server creates an instance of the single-instance Device object (POST /3); the client must answer 4.05 Method Not Allowed.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    // TLV: Object Instance 1 with Manufacturer "x".
    const create = await ctx.server.create(ctx.target.endpoint, '/3', Buffer.from('0301C10078', 'hex'), CF.tlv);
    ctx.check('A', 'MUST', 'Create on /3 is answered 4.05 Method Not Allowed', codeOf(create), '4.05', on(create));
  },
});
