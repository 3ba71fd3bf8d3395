import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { listedObjects } from '../../../harness/run/case-server.ts';
import { codeOf, configured, decoded, on, pathsOf, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from './composite-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-235',
  title: 'Read-Composite Operation on root path',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:read-composite'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-235; OMA-TS-LightweightM2M_Core §6.3.8 (Read-Composite), §6.3 (Security objects are not the management server\'s)',
  purpose: 'The server sends FETCH with the single path /; the client must answer 2.05 with the readable resources of its objects, and nothing of /0, /21 or /23.',
  async run(ctx) {
    const reg = await configured(ctx, 'C.1');
    const format = senmlFormat(ctx);
    const read = await ctx.server.readComposite(ctx.target.endpoint, ['/'], format);
    ctx.require('A', 'MUST', 'The FETCH of / is answered 2.05 Content', codeOf(read), '2.05', on(read));
    const values = valuesOf(decoded(read));
    ctx.require('B', 'MUST', 'The answer decodes (SenML JSON or CBOR)', typeof values === 'string' ? values : 'decodes', 'decodes', on(read));
    const seen = new Set(pathsOf(values).map((p) => Number(p.split('/')[1])));
    // Objects with instances in the Register object list must show up; /0 is never listed.
    const registered = [...listedObjects(reg.objectList?.links ?? [])].filter((o) => o !== 0 && o !== 21 && o !== 23 && (reg.objectList?.links ?? []).some((l) => l.uri.startsWith(`/${o}/`)));
    ctx.check('C', 'MUST', 'It holds values of every registered object that has instances', registered.filter((o) => !seen.has(o)).map((o) => `/${o} missing`), [], on(read));
    ctx.check('D', 'MUST', 'It holds nothing of /0 (Security), /21 (OSCORE) or /23', pathsOf(values).filter((p) => /^\/(0|21|23)\//.test(p)), expect.that('none', (v) => Array.isArray(v) && v.length === 0), on(read));
  },
});
