import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, nextNotification, on, periods } from '../dm-steps.ts';
import { silenceWindowMs } from './cancel-steps.ts';
import { observeComposite } from './composite-observe-steps.ts';
import { expectSilence } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-305',
  title: 'Cancel Observation-Composite Operation',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:observe-composite', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-305; OMA-TS-LightweightM2M_Core §6.4.5 (Cancel Observation-Composite)',
  purpose: 'After an Observe-Composite as in int-304 has notified, the server repeats the FETCH with Observe=1; the client must answer 2.05 and stop notifying.',
  notes: 'The silence window is pmax plus the tolerance from the cancel, by when a device still notifying would have notified again.',
  waitsMs: (target) => 2 * silenceWindowMs({ target }),
  floorMs: (target) => periods({ target }).pmax * 1000 + silenceWindowMs({ target }),
  async run(ctx) {
    const { observation, since } = await observeComposite(ctx);
    const { pmax, toleranceMs } = periods(ctx);
    ctx.precondition(await nextNotification(ctx, observation.id, since, pmax * 1000 + toleranceMs), 'the observation did not notify before the cancel');
    const after = ctx.server.position();
    const from = performance.now();
    const cancel = await observation.cancel('observe-1');
    ctx.check('D', 'MUST', 'The cancelling FETCH (Observe=1) is answered 2.05', codeOf(cancel), '2.05', on(cancel));
    await expectSilence(ctx, 'E', 'No notification after the cancel', observation, after, silenceWindowMs(ctx), from);
  },
});
