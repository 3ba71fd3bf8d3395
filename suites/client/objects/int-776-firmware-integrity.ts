import { defineCase } from '../../../harness/run/case.ts';
import { checkFailedDownload, deliver, deliveryAnswered, deliveryOf, fromIdle, loadPackage } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-776',
  title: 'Error case 5: package integrity check failure',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware-delivery'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-776; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Update Result 5: integrity check failure)',
  purpose: 'The server delivers a corrupted package (a valid one with a payload byte flipped); the device must go Downloading, then report Update Result 5 and return to Idle.',
  notes: 'Pushed when the device claims push, else pulled from the harness over CoAP.',
  waitsMs: (t) => t.timing.firmwareWithinMs,
  async run(ctx) {
    const how = deliveryOf(ctx);
    const watch = await fromIdle(ctx, how);
    const pkg = await loadPackage(ctx, 'corrupted');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, how);
    deliveryAnswered(ctx, 'A', how, delivery.write);
    await checkFailedDownload(ctx, watch, from, 5, 'integrity check failure', { result: 'B', path: 'C' });
  },
});
