import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkFailedDownload, condition, deliver, deliveryOf, fromIdle, loadPackage } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-774',
  title: 'Error case 3: out of memory (RAM)',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware-delivery', 'driver:fw-low-ram'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-774; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Update Result 3: out of RAM during download)',
  purpose: 'With the device short of working memory (fw-low-ram driver), the server delivers a valid package; the device must go Downloading, then report Update Result 3 and return to Idle.',
  notes: 'The ETS prints Update Result 2 here, an erratum: Object 5 defines 2 as storage and 3 as out of RAM, and the case expects 3. Running out of RAM cannot be asked for over LwM2M, so the case needs the fw-low-ram driver.',
  waitsMs: (t) => t.timing.firmwareWithinMs,
  async run(ctx) {
    const how = deliveryOf(ctx);
    const watch = await fromIdle(ctx, how);
    await condition(ctx, 'fw-low-ram');
    const pkg = await loadPackage(ctx, 'valid');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, how);
    ctx.note(`the package ${how === 'push' ? 'Write of /5/0/0' : 'URI Write of /5/0/1'} was answered ${codeOf(delivery.write)}`);
    ctx.require('A', 'MUST', 'The device answered the delivery (no timeout, no 5.xx)', codeOf(delivery.write), { describe: '2.xx or 4.xx', test: (c: unknown) => /^[24]\./.test(String(c)) }, on(delivery.write));
    await checkFailedDownload(ctx, watch, from, 3, 'out of RAM', { result: 'B', path: 'C' });
  },
});
