import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, multiValueFormat, on } from '../dm-steps.ts';
import { instanceConfigured, readInstance } from './object-instance-steps.ts';
import { counted, countersOf, execute, START, STOP } from './statistics-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-901',
  title: 'Connectivity Statistics: querying a data collection',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.9',
  requires: ['object:7'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-901; OMA-TS-LightweightM2M_Core §6.3.1 (Read), §6.3.4 (Execute), Appendix E (Object 7: Start resets 0-5 and collects, Stop keeps them)',
  purpose:
    'The server executes Start /7/0/6, reads /3/0 (traffic to count), executes Stop /7/0/7 and reads /7/0: the collection must have counted that traffic, ' +
    'hold still once stopped, and a second Start must reset what the first collected.',
  notes:
    'The ETS\'s pass criteria name Connectivity Monitoring resources (an erratum, OMA #236); the object\'s own counters are judged. A loopback carries far less than a kilobyte, so ' +
    'Max Message Size /7/0/4 (bytes) shows the traffic; a device without it is judged on Tx/Rx Data (kilobytes), and one that rounds them to 0 makes check D inconclusive. ' +
    'That Stop holds is judged by reading /7/0 twice with the read itself and the device\'s own traffic in between; that Start resets it by a second collection holding no large message.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await instanceConfigured(ctx, '/7/0', 'C.9');
    await execute(ctx, 'A', START);
    const traffic = await ctx.server.read(ep, '/3/0', multiValueFormat(ctx));
    ctx.precondition(codeOf(traffic) === '2.05', `reading /3/0 (the traffic to count) was answered ${codeOf(traffic)}`);
    await execute(ctx, 'B', STOP);
    const first = await readInstance(ctx, '/7/0');
    ctx.require('C', 'MUST', 'Read of /7/0 is answered 2.05 Content', codeOf(first.outcome), '2.05', on(first.outcome));
    const collected = countersOf(first.values);
    if (typeof collected !== 'string' && collected.max === null && !counted(collected)) {
      ctx.precondition(false, `the device has no Max Message Size /7/0/4 and its Tx/Rx Data (kB) stayed 0: ${JSON.stringify(collected)}; a loopback read counts well under a kilobyte`);
    }
    ctx.check('D', 'MUST', 'The collection counted the traffic between Start and Stop (Max Message Size /7/0/4 above 0, else Tx/Rx Data)', collected,
      expect.that('traffic counted', (v) => counted(v as ReturnType<typeof countersOf>)), on(first.outcome));
    const again = await readInstance(ctx, '/7/0');
    ctx.check('E', 'MUST', 'After Stop the counters hold still: a second read of /7/0 shows the same values', countersOf(again.values), collected, on(again.outcome));
    if (typeof collected === 'string' || collected.max === null) {
      ctx.note('no Max Message Size /7/0/4: that a new Start resets the counters is not judged');
      return;
    }
    await execute(ctx, 'F', START);
    await execute(ctx, 'G', STOP);
    const reset = await readInstance(ctx, '/7/0');
    const after = countersOf(reset.values);
    const max = typeof after === 'string' ? after : after.max;
    ctx.check('H', 'MUST', `A new Start resets the counters: with no read of /3/0 in the second collection, Max Message Size is below the first collection's ${collected.max} B`, max,
      expect.that(`below ${collected.max}`, (v) => typeof v === 'number' && v < collected.max!), on(reset.outcome));
  },
});
