import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { CF, configured, on } from '../dm-steps.ts';
import { each, readAll } from './read-steps.ts';

const paths = ['/3/0/0', '/3/0/1', '/3/0/2'];

export default defineCase({
  id: 'LightweightM2M-1.1-int-201',
  title: 'Querying basic information in Plain Text format',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  requires: ['format:text'],
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-201; OMA-TS-LightweightM2M_Core §6.3.1 (Read), §7.3.1 (Plain Text)',
  purpose: 'The server reads Manufacturer, Model Number and Serial Number (/3/0/0, /3/0/1, /3/0/2) with Accept text/plain; each must be answered 2.05 in text/plain.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const reads = await readAll(ctx, paths, CF.text);
    ctx.check('A', 'MUST', 'Each Read is answered 2.05 Content', reads.codes, each(paths, '2.05'), on(reads.first));
    ctx.check('B', 'MUST', 'Each answer has Content-Format 0 (text/plain)', reads.formats, each(paths, CF.text), on(reads.first));
    const texts = Object.fromEntries(paths.map((p) => [p, reads.outcomes[p]!.response?.payload.toString('utf8') ?? null]));
    ctx.check('C', 'MUST', 'Each answer carries a non-empty text value', texts, expect.that('non-empty text for each path', (v) => Object.values(v as object).every((t) => typeof t === 'string' && t.length > 0)), on(reads.first));
  },
});
