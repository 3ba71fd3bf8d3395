import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { CF, codeOf, configured, decoded, on, pathsOf, valuesOf } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-203',
  title: 'Querying basic information in TLV format',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  requires: ['format:tlv'],
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-203; OMA-TS-LightweightM2M_Core §7.4.3 (TLV)',
  purpose: 'The server reads the Device instance /3/0 with Accept TLV (11542); the answer must be 2.05 TLV with the mandatory resources 0, 1, 2, 3, 11 and 16.',
  notes:
    'The ETS describes the answer as an Object Instance TLV wrapping the resources; Core §7.4.3 shows a read of ' +
    '/3/0 answered with the resource TLVs alone. Both forms are accepted: the check judges the decoded resources.',
  async run(ctx) {
    // Supported Binding is informational and read-only: judged against what the device holds in text/plain, not the ETS's "U".
    const { values: held } = await configured(ctx, 'C.1');
    const read = await ctx.server.read(ctx.target.endpoint, '/3/0', CF.tlv);
    ctx.require('A', 'MUST', 'GET /3/0 (Accept TLV) is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', 'The answer has Content-Format 11542 (TLV)', read.response!.contentFormat ?? null, CF.tlv, on(read));
    const values = valuesOf(decoded(read, '/3/0'));
    ctx.require('C', 'MUST', 'The payload decodes as TLV', typeof values === 'string' ? values : 'decodes', 'decodes', on(read));
    const paths = pathsOf(values);
    ctx.check('D', 'MUST', 'It holds Manufacturer, Model, Serial, Firmware Version, Error Code and Supported Binding', paths,
      expect.that('/3/0/0, /3/0/1, /3/0/2, /3/0/3, /3/0/11/x, /3/0/16', (p) => ['/3/0/0', '/3/0/1', '/3/0/2', '/3/0/3', '/3/0/16'].every((x) => (p as string[]).includes(x)) && (p as string[]).some((x) => x.startsWith('/3/0/11/'))), on(read));
    ctx.check('E', 'MUST', `Supported Binding and Modes (/3/0/16) is "${held['/3/0/16']}", as read in text/plain`, (values as Record<string, unknown>)['/3/0/16'] ?? null, held['/3/0/16'] ?? null, on(read));
  },
});
