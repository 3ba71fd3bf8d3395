import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkFailedDownload, condition, deliver, deliveryOf, fromIdle, loadPackage } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-773',
  title: 'Error case 2: shortage of storage memory',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware-delivery', 'firmware-storage-cue'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-773; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Update Result 2: not enough flash memory)',
  purpose: 'The server delivers a package the device has no room for; the device must go Downloading, then report Update Result 2 and return to Idle.',
  notes: 'When the profile states the largest package the device stores (features.firmwareMaxBytes) and the oversized package exceeds it, that package is delivered; otherwise the fw-low-storage driver takes the storage away and a valid package is delivered. The response to the package Write is noted, not judged (a device may refuse the last block or take it).',
  waitsMs: (t) => t.timing.firmwareWithinMs,
  async run(ctx) {
    const how = deliveryOf(ctx);
    const watch = await fromIdle(ctx, how);
    const oversized = await loadPackage(ctx, 'oversized');
    const max = ctx.target.firmware?.maxBytes;
    const useOversized = max !== undefined && oversized.bytes.length > max;
    if (!useOversized) await condition(ctx, 'fw-low-storage');
    else ctx.note(`the oversized package (${oversized.bytes.length} bytes) exceeds features.firmwareMaxBytes ${max}`);
    const pkg = useOversized ? oversized : await loadPackage(ctx, 'valid');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, how);
    ctx.note(`the package ${how === 'push' ? 'Write of /5/0/0' : 'URI Write of /5/0/1'} was answered ${codeOf(delivery.write)}`);
    ctx.require('A', 'MUST', 'The device answered the delivery (no timeout, no 5.xx)', codeOf(delivery.write), { describe: '2.xx or 4.xx', test: (c: unknown) => /^[24]\./.test(String(c)) }, on(delivery.write));
    await checkFailedDownload(ctx, watch, from, 2, 'not enough storage', { result: 'B', path: 'C' });
  },
});
