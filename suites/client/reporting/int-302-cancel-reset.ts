import { defineCase } from '../../../harness/run/case.ts';
import { periods } from '../dm-steps.ts';
import { observeVoltageAndCurrent, silenceWindowMs } from './cancel-steps.ts';
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
  notes:
    'Both observations are cancelled together (the ETS does voltage, then current). The server answers the first notification of each ' +
    'with RST; the silence window after it is pmax plus the tolerance, by when a device still notifying would have notified again.',
  waitsMs: (target) => periods({ target }).pmax * 1000 + target.timing.toleranceMs + silenceWindowMs({ target }),
  floorMs: (target) => periods({ target }).pmax * 1000 + silenceWindowMs({ target }),
  async run(ctx) {
    // The RST is armed before the first notifications, so the first of each is the one answered with RST.
    const { observations, firsts } = await observeVoltageAndCurrent(ctx, { resetFirst: true });
    const windowMs = silenceWindowMs(ctx);
    await Promise.all(observations.map(async (o, k) => {
      // Counted from the notification answered with RST, as the device's pmax timer is.
      const since = ctx.server.position();
      await expectSilence(ctx, k === 0 ? 'E' : 'F', `No notification of ${k === 0 ? 'voltage' : 'current'} after the RST`, o, since, windowMs, firsts[k]!.atMs);
    }));
  },
});
