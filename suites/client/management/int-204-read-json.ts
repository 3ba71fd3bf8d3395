import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { CF, codeOf, configured, decoded, on, pathsOf, valuesOf } from '../dm-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-204',
  title: 'Querying basic information in JSON format',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  requires: ['format:oma-json'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-204; OMA-TS-LightweightM2M_Core §7.4.4 (JSON, 11543)',
  purpose: 'The server reads /3/0 with Accept 11543 (OMA JSON); the answer must be 2.05 in that format with the mandatory resources 0, 1, 2, 3, 11 and 16.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const read = await ctx.server.read(ctx.target.endpoint, '/3/0', CF.omaJson);
    ctx.require('A', 'MUST', 'GET /3/0 (Accept 11543) is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', 'The answer has Content-Format 11543', read.response!.contentFormat ?? null, CF.omaJson, on(read));
    const values = valuesOf(decoded(read, '/3/0'));
    ctx.require('C', 'MUST', 'The payload decodes as OMA JSON', typeof values === 'string' ? values : 'decodes', 'decodes', on(read));
    ctx.check('D', 'MUST', 'It holds resources 0, 1, 2, 3, 11 and 16', pathsOf(values),
      expect.that('/3/0/0, /3/0/1, /3/0/2, /3/0/3, /3/0/11/x, /3/0/16', (p) => ['/3/0/0', '/3/0/1', '/3/0/2', '/3/0/3', '/3/0/16'].every((x) => (p as string[]).includes(x)) && (p as string[]).some((x) => x.startsWith('/3/0/11/'))), on(read));
  },
});
