import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, on } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-221',
  title: 'Attempt to perform operations on Security object',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-221; OMA-TS-LightweightM2M_Core §6.3 (the Security object is not accessible to a management server)',
  purpose: 'The server reads /0, writes /0/0/0 and writes attributes on /0; each must be refused with 4.01 Unauthorized.',
  notes: 'The ETS Write-Attributes is pmin=30&pmax=45; the values do not matter to the refusal.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const read = await ctx.server.read(ctx.target.endpoint, '/0');
    ctx.check('A', 'MUST', 'Read of /0 is answered 4.01 Unauthorized', codeOf(read), '4.01', on(read));
    // The ETS writes /0/0/0: the server URI of the device's own account.
    const uri = `/0/${ctx.device.serverAccount.securityInstance}/0`;
    const write = await ctx.server.writeBody(ctx.target.endpoint, uri, 'coap://127.0.0.1:5683', CF.text);
    ctx.check('B', 'MUST', `Write of ${uri} is answered 4.01 Unauthorized`, codeOf(write), '4.01', on(write));
    const attributes = await ctx.server.writeAttributes(ctx.target.endpoint, '/0', 'pmin=30&pmax=45');
    ctx.check('C', 'MUST', 'Write-Attributes on /0 is answered 4.01 Unauthorized', codeOf(attributes), '4.01', on(attributes));
  },
});
