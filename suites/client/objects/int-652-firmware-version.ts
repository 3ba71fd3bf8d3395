import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, decoded, on, valuesOf } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-652',
  title: 'Device: Querying the firmware version from the client',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.6',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-652; OMA-TS-LightweightM2M_Core §6.3.1 (Read), Appendix E.4 (/3/0/3 Firmware Version)',
  purpose: 'The server reads Firmware Version /3/0/3 without Accept; the client must answer 2.05 in its preferred format, with a Content-Format the server can decode, holding a string.',
  async run(ctx) {
    await configured(ctx, 'C.6');
    const read = await ctx.server.read(ctx.target.endpoint, '/3/0/3');
    ctx.require('A', 'MUST', 'Read of /3/0/3 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    const values = valuesOf(decoded(read, '/3/0/3'));
    ctx.check('B', 'MUST', 'The answer names its Content-Format and decodes to /3/0/3', typeof values === 'string' ? values : Object.keys(values), ['/3/0/3'], on(read));
    const version = typeof values === 'string' ? undefined : values['/3/0/3'];
    ctx.check('C', 'MUST', 'The firmware version is a string', typeof version === 'string' ? 'a string' : `${JSON.stringify(version ?? null)}`, 'a string', on(read));
    if (typeof version === 'string') ctx.note(`firmware version "${version}"`);
  },
});
