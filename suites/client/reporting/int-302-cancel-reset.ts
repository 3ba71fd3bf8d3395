import { defineCase } from '../../../harness/run/case.ts';
import { nextNotification, periods } from '../dm-steps.ts';
import { observeVoltageAndCurrent } from './cancel-steps.ts';
import { expectSilence } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-302',
  title: 'Cancel Observations using Reset Operation',
  interface: 'reporting',
  tests: 'client',
  since: '1.0',
  config: 'C.4',
  requires: ['operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-302; RFC 7641 §3.6; OMA-TS-LightweightM2M_Core §6.4.2',
  purpose: 'With voltage and current observed (int-301), the server answers the next notification of each with RST; the client must stop notifying.',
  notes: 'Both observations are cancelled together (the ETS does voltage, then current); the silence window is twice pmax plus the tolerance.',
  async run(ctx) {
    const observations = await observeVoltageAndCurrent(ctx);
    const { pmax, toleranceMs } = periods(ctx);
    const windowMs = 2 * pmax * 1000 + toleranceMs;
    await Promise.all(observations.map(async (o, k) => {
      await o.cancel('rst');
      // The next notification is the one answered with RST; after it nothing more may come.
      const since = ctx.server.position();
      const rejected = await nextNotification(ctx, o.id, since, pmax * 1000 + toleranceMs);
      ctx.precondition(rejected, 'no notification came for the server to answer with RST');
      await expectSilence(ctx, k === 0 ? 'E' : 'F', `No notification of ${k === 0 ? 'voltage' : 'current'} after the RST`, o, ctx.server.position(), windowMs);
    }));
  },
});
