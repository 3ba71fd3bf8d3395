import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, decoded, on, valuesOf } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { carried, formatName, valueAt } from './object-steps.ts';

/** LogStatus bits (registry object 20): 2nd LSB LogData holds valid data; 4th to 7th LSB reserved. */
const validData = 2;
const reserved = 0x78;

export default defineCase({
  id: 'LightweightM2M-1.1-int-2001',
  title: 'Event Log: Reading the log',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.16',
  requires: ['object:20'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-2001; OMA-TS-LightweightM2M_Core §6.3.1 (Read); registry object 20 (LogClass 4010, LogStatus 4013, LogData 4014)',
  purpose: 'The server reads /20/0 in TLV; the device must answer 2.05 in TLV with LogClass 0 (C.16), a LogStatus with no reserved bit set, and LogData, which holds data when LogStatus says so.',
  notes:
    'The ETS\'s description of this case is copied from a Firmware Update case (an erratum); its procedure and criteria are followed. ' +
    'LogStatus and LogData are the device\'s own: C.16\'s LogStatus 3 (stopped, valid data) is a configuration note when the device holds another, and LogData is judged against the LogStatus the device reports. ' +
    'LogClass is written with 0 when the device holds another (restored after the case). The read is in TLV when the profile claims it, else in another multi-value format it claims.',
  async run(ctx) {
    await objectConfigured(ctx, 'C.16', ['/20/0/4010']);
    const format = objectFormat(ctx);
    const read = await ctx.server.read(ctx.target.endpoint, '/20/0', format);
    ctx.require('A', 'MUST', 'Read of /20/0 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', `The answer is in ${formatName(format)}, as asked`, read.response?.contentFormat ?? 'no Content-Format', format, on(read));
    const values = valuesOf(decoded(read, '/20/0'));
    ctx.check('C', 'MUST', 'It carries LogClass (4010), LogStatus (4013) and LogData (4014)', carried(values, '/20/0', [4010, 4013, 4014]), [4010, 4013, 4014], on(read));
    ctx.check('D', 'MUST', 'LogClass is 0 (generic), as C.16 sets it', valueAt(values, '/20/0/4010'), 0, on(read));
    const status = valueAt(values, '/20/0/4013');
    ctx.check('E', 'MUST', 'LogStatus sets no reserved bit (4th to 7th LSB)', status, expect.that('an integer with bits 0x78 clear', (v) => Number.isInteger(v) && ((v as number) & reserved) === 0), on(read));
    const data = valueAt(values, '/20/0/4014');
    const says = Number.isInteger(status) && ((status as number) & validData) !== 0;
    ctx.check('F', 'MUST', says ? 'LogData holds data, as LogStatus says it does (2nd LSB)' : 'LogData is present (LogStatus says it holds no valid data)',
      typeof values !== 'string' && typeof data === 'string' && data !== 'absent' ? `${data.length / 2} bytes` : data,
      expect.that(says ? 'at least one byte' : 'present', (v) => typeof v === 'string' && /^\d+ bytes$/.test(v) && (!says || v !== '0 bytes')), on(read));
  },
});
