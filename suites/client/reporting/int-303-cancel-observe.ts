import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on, periods } from '../dm-steps.ts';
import { observeVoltageAndCurrent, silenceWindowMs } from './cancel-steps.ts';
import { expectSilence } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-303',
  title: 'Cancel observations using Observe with Cancel parameter',
  interface: 'reporting',
  tests: 'client',
  since: '1.0',
  config: 'C.4',
  requires: ['operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-303; RFC 7641 §3.6 (GET with Observe=1, same token and options)',
  purpose: 'With voltage and current observed, the server cancels each with GET Observe=1 (same token and options); the client must answer 2.05 and stop notifying.',
  notes:
    'The ETS text cancels at /3/0 while resources were observed (erratum, OMA #236); each observed resource is cancelled with its own request. ' +
    'The silence window is pmax plus the tolerance from the cancel, by when a device still notifying would have notified again.',
  waitsMs: (target) => periods({ target }).pmax * 1000 + target.timing.toleranceMs + silenceWindowMs({ target }),
  floorMs: (target) => periods({ target }).pmax * 1000 + silenceWindowMs({ target }),
  async run(ctx) {
    const { observations } = await observeVoltageAndCurrent(ctx);
    const since = ctx.server.position();
    const from = performance.now();
    const cancels = await Promise.all(observations.map((o) => o.cancel('observe-1')));
    ctx.check('E', 'MUST', 'Each cancelling GET is answered 2.05', cancels.map((c) => codeOf(c)), ['2.05', '2.05'], on(cancels[0]));
    const windowMs = silenceWindowMs(ctx);
    await Promise.all(observations.map((o, k) => expectSilence(ctx, k === 0 ? 'F' : 'G', `No notification of ${k === 0 ? 'voltage' : 'current'} after the cancel`, o, since, windowMs, from)));
  },
});
