import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { decodePayload, on, periods, s, valuesOf } from '../dm-steps.ts';
import { basicObservation, instanceConfigured, resourceIds } from './object-instance-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-810',
  title: 'Location: Basic Observation',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.7',
  requires: ['object:6', 'operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-810; OMA-TS-LightweightM2M_Core §6.4.1 (Observe), §5.1.2 (pmin/pmax)',
  purpose: 'The server writes pmin/pmax on /6/0 and observes it; the device must notify within the period, with Latitude, Longitude and Timestamp.',
  notes: 'The ETS\'s pmin=2 and pmax=10 are replaced by the profile\'s pmin/pmax; the tolerance is the profile\'s. A device on the loopback does not move, so the notification the period brings is judged.',
  waitsMs: (t) => (Math.max(t.timing.pmaxS, t.timing.pminS + 1) * 1000) + t.timing.toleranceMs,
  async run(ctx) {
    await instanceConfigured(ctx, '/6/0', 'C.7');
    const { pmax } = periods(ctx);
    const { notification } = await basicObservation(ctx, '/6/0', ['A', 'B', 'C']);
    const present = notification ? resourceIds(valuesOf(decodePayload(notification.payload, notification.contentFormat, '/6/0')), '/6/0') : `no notification within ${s(pmax * 1000)} s`;
    ctx.check('D', 'MUST', 'The notification carries /6/0 with Latitude 0, Longitude 1 and Timestamp 5', present,
      expect.that('includes 0, 1, 5', (v) => Array.isArray(v) && [0, 1, 5].every((r) => v.includes(r))), on(notification));
  },
});
