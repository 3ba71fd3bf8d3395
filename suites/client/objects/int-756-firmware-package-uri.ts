import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkPulled, deliver, downloadEnded, FirmwareWatch, firmwareConfigured, loadPackage, pair, resetAfterCase, resetFirmware, State } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-756',
  title: 'FW Update: Setting the writable resource Package URI',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware:pull', 'firmware-protocol:coap'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-756; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Package URI, State machine); RFC 7959 §2.4 (Block2)',
  purpose: 'The server resets /5/0 (an empty Package URI), writes the URI of a valid package the harness serves over CoAP, and follows State and Update Result: Idle → Downloading → Downloaded with Result 0; an empty URI brings it back to Idle.',
  notes: 'The harness serves the package itself (CoAP, Block2 with an ETag) on its own address. The last reset (from Downloaded) is the harness\'s addition.',
  async run(ctx) {
    await firmwareConfigured(ctx);
    resetAfterCase(ctx);
    const reset = await resetFirmware(ctx, 'pull');
    ctx.require('A', 'MUST', 'Writing an empty string to Package URI /5/0/1 (the reset) is answered 2.04 Changed', codeOf(reset), '2.04', on(reset));
    const watch = await FirmwareWatch.start(ctx);
    ctx.check('B', 'MUST', 'After the reset, State is 0 (Idle) and Update Result 0', pair(watch.current), { state: State.idle, result: 0 }, on(reset));
    const pkg = await loadPackage(ctx, 'valid');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, 'pull');
    ctx.require('C', 'MUST', 'The Write of the Package URI to /5/0/1 is answered 2.04 Changed', codeOf(delivery.write), '2.04', on(delivery.write));
    const ended = await watch.until(downloadEnded, ctx.target.timing.firmwareWithinMs);
    checkPulled(ctx, 'D', delivery, pkg);
    watch.checkPath('E', 'State went Idle → Downloading → Downloaded, each step a transition of Object 5', from, [State.idle, State.downloading, State.downloaded]);
    ctx.check('F', 'MUST', 'The download ends in State 2 (Downloaded) with Update Result 0 throughout', { ...pair(ended ?? watch.current), results: watch.results(from) }, { state: State.downloaded, result: 0, results: [0] });
    const again = await resetFirmware(ctx, 'pull');
    ctx.check('G', 'MUST', 'A reset in Downloaded (an empty /5/0/1) is answered 2.04 and brings State 0 and Update Result 0',
      { code: codeOf(again), ...pair(await watch.until((x) => x.state === State.idle, ctx.target.timing.reactionWithinMs) ?? watch.current) },
      { code: '2.04', state: State.idle, result: 0 }, on(again));
  },
});
