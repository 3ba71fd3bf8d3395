import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { CaseContext } from '../../../harness/run/context.ts';
import { codeOf, decoded, on, valuesOf } from '../dm-steps.ts';
import { objectConfigured } from './object-configuration.ts';
import { valueAt } from './object-steps.ts';

/** LogStatus /20/0/4013: its 1st LSB, 0 running and 1 stopped (registry object 20). */
async function readStatus(ctx: CaseContext) {
  const read = await ctx.server.read(ctx.target.endpoint, '/20/0/4013');
  return { read, status: codeOf(read) === '2.05' ? valueAt(valuesOf(decoded(read, '/20/0/4013')), '/20/0/4013') : `read: ${codeOf(read)}` };
}

const stoppedBit = (want: 0 | 1) => expect.that(`an integer whose 1st LSB is ${want} (${want ? 'stopped' : 'running'})`, (v) => Number.isInteger(v) && ((v as number) & 1) === want);

export default defineCase({
  id: 'LightweightM2M-1.1-int-2000',
  title: 'Event Log: Starting the data collection',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.16',
  requires: ['object:20'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-2000; OMA-TS-LightweightM2M_Core §6.3.5 (Execute), §6.3.1 (Read); registry object 20 (LogStart 4011, LogStop 4012, LogStatus 4013)',
  purpose: 'The server executes LogStart /20/0/4011: LogStatus must then say the collection is running; it executes LogStop /20/0/4012: LogStatus must then say it is stopped.',
  notes:
    'The ETS writes LogStart and reads it back, but LogStart is executable in every version of object 20 (an ETS erratum): the case executes it and judges its effect on LogStatus instead, and sends no write. ' +
    'LogStop is optional (C.16 does not set it): a device without it (4.04) is noted and its stop is not judged. LogStart empties the collection (its default), which the case cannot restore.',
  async run(ctx) {
    await objectConfigured(ctx, 'C.16');
    const start = await ctx.server.execute(ctx.target.endpoint, '/20/0/4011');
    ctx.require('A', 'MUST', 'Execute of LogStart /20/0/4011 is answered 2.04 Changed', codeOf(start), '2.04', on(start));
    const running = await readStatus(ctx);
    ctx.check('B', 'MUST', 'LogStatus /20/0/4013 then says the collection is running', running.status, stoppedBit(0), on(running.read));
    const stop = await ctx.server.execute(ctx.target.endpoint, '/20/0/4012');
    if (codeOf(stop) === '4.04') return ctx.note('the device has no LogStop /20/0/4012 (4.04): the collection stays running, and stopping it is not judged');
    ctx.require('C', 'MUST', 'Execute of LogStop /20/0/4012 is answered 2.04 Changed', codeOf(stop), '2.04', on(stop));
    const stopped = await readStatus(ctx);
    ctx.check('D', 'MUST', 'LogStatus /20/0/4013 then says the collection is stopped', stopped.status, stoppedBit(1), on(stopped.read));
  },
});
