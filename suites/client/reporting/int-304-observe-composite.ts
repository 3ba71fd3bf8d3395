import { defineCase } from '../../../harness/run/case.ts';
import { decodePayload, on, periods, valuesOf } from '../dm-steps.ts';
import { compositePaths, observeComposite } from './composite-observe-steps.ts';
import { expectPeriodicNotification } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-304',
  title: 'Observe-Composite Operation',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:observe-composite', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-304; OMA-TS-LightweightM2M_Core §6.4.4 (Observe-Composite)',
  purpose: 'The server writes pmin/pmax on /1/0/1 and observes /1/0/1, /3/0/11/0 and /3/0/16 in one FETCH; a notification with all three must follow within the window.',
  notes: 'The ETS window of 30-45 s is the profile\'s pmin/pmax; the lower bound is pmin less the tolerance.',
  floorMs: (target) => periods({ target }).pmax * 1000,
  async run(ctx) {
    const { observation, since, at } = await observeComposite(ctx);
    const { pmin, pmax } = periods(ctx);
    const note = await expectPeriodicNotification(ctx, 'D', 'Composite notification', observation, since, at, pmin, pmax);
    if (!note) return;
    const values = valuesOf(decodePayload(note.payload, note.contentFormat));
    ctx.check('E', 'MUST', 'The notification holds all three paths', typeof values === 'string' ? values : compositePaths(ctx).map((p) => (p in values ? p : `${p} missing`)), compositePaths(ctx), on(note));
  },
});
