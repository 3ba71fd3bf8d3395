import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-256',
  title: 'Write Operation Failure',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-256; OMA-TS-LightweightM2M_Core §6.3.3 (4.05 for a resource that cannot be written)',
  purpose: 'The server writes 123 to the read-only Short Server ID /1/0/0; the client must answer 4.05 and keep the value 1.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const { ssid, resource } = ctx.device.serverAccount;
    // The ETS writes 123; another value where the device's SSID is 123, so that a taken write would show.
    const written = ssid === 123 ? 124 : 123;
    const write = await ctx.server.writeBody(ctx.target.endpoint, resource(0), String(written), CF.text);
    ctx.check('A', 'MUST', 'The write is answered 4.05 Method Not Allowed', codeOf(write), '4.05', on(write));
    const read = await ctx.server.read(ctx.target.endpoint, resource(0), CF.text);
    ctx.check('B', 'MUST', `Short Server ID is still ${ssid}`, read.response?.payload.toString('utf8') ?? codeOf(read), String(ssid), on(read));
  },
});
