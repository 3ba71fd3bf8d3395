import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkBlocks, deliver, downloadEnded, FirmwareWatch, firmwareConfigured, newerPackage, pair, resetAfterCase, resetFirmware, State, updateAndCheck } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-770',
  title: 'Successful Firmware update via CoAP (push)',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware:push'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-770; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5); RFC 7959 §2.3 (Block1)',
  purpose: 'The server resets /5/0, pushes a valid package block-wise to /5/0/0 (2.31 Continue per block, 2.04 at the end), follows State to Downloaded with Result 0, executes Update /5/0/2, follows Downloaded → Updating → Idle, and reads back Result 1 and the new version in /3/0/3 and /5/0/7.',
  notes: 'Of the two valid packages the harness pushes the one whose version the device does not run yet, so that the version shows a change. The time the package transfer took is in the notes. State and Update Result are followed by Observe with pmin 0 where the device allows it, by reads otherwise.',
  waitsMs: (t) => 2 * t.timing.firmwareWithinMs,
  async run(ctx) {
    await firmwareConfigured(ctx);
    resetAfterCase(ctx);
    const reset = await resetFirmware(ctx, 'push');
    ctx.require('A', 'MUST', 'The reset (one NUL byte to /5/0/0) is answered 2.04 Changed', codeOf(reset), '2.04', on(reset));
    const watch = await FirmwareWatch.start(ctx);
    const { pkg, before } = await newerPackage(ctx);
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, 'push');
    ctx.require('B', 'MUST', 'The block-wise Write of the package to /5/0/0 is answered 2.04 Changed', codeOf(delivery.write), '2.04', on(delivery.write));
    checkBlocks(ctx, 'C', delivery);
    const ended = await watch.until(downloadEnded, ctx.target.timing.firmwareWithinMs);
    watch.checkPath('D', 'State went Idle → Downloading → Downloaded, each step a transition of Object 5', from, [State.idle, State.downloading, State.downloaded]);
    ctx.require('E', 'MUST', 'The download ends in State 2 (Downloaded) with Update Result 0 throughout', { ...pair(ended ?? watch.current), results: watch.results(from) }, { state: State.downloaded, result: 0, results: [0] });
    await updateAndCheck(ctx, watch, pkg, before, ['F', 'G', 'H', 'I', 'J']);
  },
});
