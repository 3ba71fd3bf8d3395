import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkBlocks, deliver, downloadEnded, FirmwareWatch, firmwareConfigured, loadPackage, pair, resetAfterCase, resetFirmware, State } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-755',
  title: 'FW Update: Setting the writable resource Package',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware:push'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-755; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Package, State machine); RFC 7959 §2.3 (Block1)',
  purpose: 'The server resets /5/0 (one NUL byte to Package), pushes a valid package block-wise to /5/0/0 and follows State and Update Result: Idle → Downloading → Downloaded with Result 0; a second reset brings it back to Idle.',
  notes: 'State and Update Result are followed by Observe with pmin 0 where the device allows it (reads otherwise), and every transition is judged, not only the end. The last reset (from Downloaded, as OMA #219 discusses) is the harness\'s addition.',
  async run(ctx) {
    await firmwareConfigured(ctx);
    resetAfterCase(ctx);
    const reset = await resetFirmware(ctx, 'push');
    ctx.require('A', 'MUST', 'Writing one NUL byte to Package /5/0/0 (the reset) is answered 2.04 Changed', codeOf(reset), '2.04', on(reset));
    const watch = await FirmwareWatch.start(ctx);
    ctx.check('B', 'MUST', 'After the reset, State is 0 (Idle) and Update Result 0', pair(watch.current), { state: State.idle, result: 0 }, on(reset));
    const pkg = await loadPackage(ctx, 'valid');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, 'push');
    ctx.require('C', 'MUST', 'The block-wise Write of the package to /5/0/0 is answered 2.04 Changed', codeOf(delivery.write), '2.04', on(delivery.write));
    checkBlocks(ctx, 'D', delivery);
    const ended = await watch.until(downloadEnded, ctx.target.timing.firmwareWithinMs);
    watch.checkPath('E', 'State went Idle → Downloading → Downloaded, each step a transition of Object 5', from, [State.idle, State.downloading, State.downloaded]);
    ctx.check('F', 'MUST', 'The download ends in State 2 (Downloaded) with Update Result 0 throughout', { ...pair(ended ?? watch.current), results: watch.results(from) }, { state: State.downloaded, result: 0, results: [0] });
    const again = await resetFirmware(ctx, 'push');
    ctx.check('G', 'MUST', 'A reset in Downloaded (one NUL byte to /5/0/0) is answered 2.04 and brings State 0 and Update Result 0',
      { code: codeOf(again), ...pair(await watch.until((x) => x.state === State.idle, ctx.target.timing.reactionWithinMs) ?? watch.current) },
      { code: '2.04', state: State.idle, result: 0 }, on(again));
  },
});
