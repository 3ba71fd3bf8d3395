import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { CF, codeOf, decodePayload, on, periods, s, valuesOf } from '../dm-steps.ts';
import { basicObservation, instanceConfigured } from './object-instance-steps.ts';
import { counted, countersOf, execute, START, STOP } from './statistics-steps.ts';

const PERIOD = '/7/0/8';

export default defineCase({
  id: 'LightweightM2M-1.1-int-910',
  title: 'Conn. Statistics: Basic Observation',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.9',
  requires: ['object:7', 'operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-910; OMA-TS-LightweightM2M_Core §6.4.1 (Observe), §5.1.2 (pmin/pmax), Appendix E (Object 7)',
  purpose:
    'The server writes pmin/pmax on /7/0, sets Collection Period /7/0/8 to 0 (collect until Stop), observes /7/0 and executes Start; ' +
    'a notification within the period must show the collection counting (the device\'s own messages count), and Stop must be answered 2.04.',
  notes:
    'The ETS\'s pmin=2 and pmax=10 are replaced by the profile\'s pmin/pmax. The traffic counted is the exchange itself (Start\'s answer, the notifications); ' +
    'Max Message Size /7/0/4 shows it, else Tx/Rx Data (kB). The Collection Period the device held is written back after the case.',
  waitsMs: (t) => 2 * ((Math.max(t.timing.pmaxS, t.timing.pminS + 1) * 1000) + t.timing.toleranceMs),
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await instanceConfigured(ctx, '/7/0', 'C.9');
    const held = await ctx.server.read(ep, PERIOD, CF.text);
    const write = await ctx.server.writeBody(ep, PERIOD, '0', CF.text);
    ctx.require('A', 'MUST', `Write ${PERIOD} = 0 (collect until Stop) is answered 2.04`, codeOf(write), '2.04', on(write));
    if (codeOf(held) === '2.05') ctx.afterCase(async () => void (await ctx.server.writeBody(ep, PERIOD, held.response!.payload.toString('utf8'), CF.text)));
    const { observation } = await basicObservation(ctx, '/7/0', ['B', 'C', 'D']);
    const since = ctx.server.position();
    await execute(ctx, 'E', START);
    const { pmax, toleranceMs } = periods(ctx);
    const within = pmax * 1000 + toleranceMs;
    const countersIn = (e: { payload?: Buffer; contentFormat?: number }) => countersOf(valuesOf(decodePayload(e.payload, e.contentFormat, '/7/0')));
    const counting = await ctx.server.waitFor('notify', { since, within, where: (e) => e.observation === observation.id && counted(countersIn(e)) });
    ctx.check('F', 'MUST', `After Start, a notification of /7/0 within pmax ${pmax} s (tolerance ${s(toleranceMs)} s) shows the collection counting`, counting ? countersIn(counting) : `none within ${s(within)} s`,
      expect.that('traffic counted', (v) => counted(v as ReturnType<typeof countersOf>)), on(counting));
    await execute(ctx, 'G', STOP);
  },
});
