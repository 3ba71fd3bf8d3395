import { defineCase } from '../../../harness/run/case.ts';
import { checkFailedDownload, deliver, deliveryAnswered, deliveryOf, fromIdle, loadPackage } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-777',
  title: 'Error case 6: unsupported package type',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware-delivery'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-777; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Update Result 6: unsupported package type)',
  purpose: 'The server delivers an intact package made for another device; the device must go Downloading, then report Update Result 6 and return to Idle.',
  notes: 'The ETS prints State 1 as the final State; Object 5 returns to Idle when a download fails, and the case expects State 0.',
  waitsMs: (t) => t.timing.firmwareWithinMs,
  async run(ctx) {
    const how = deliveryOf(ctx);
    const watch = await fromIdle(ctx, how);
    const pkg = await loadPackage(ctx, 'unsupportedType');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, how);
    deliveryAnswered(ctx, 'A', how, delivery.write);
    await checkFailedDownload(ctx, watch, from, 6, 'unsupported package type', { result: 'B', path: 'C' });
  },
});
