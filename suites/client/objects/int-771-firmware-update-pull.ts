import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkPulled, deliver, downloadEnded, FirmwareWatch, firmwareConfigured, newerPackage, pair, resetAfterCase, resetFirmware, State, updateAndCheck } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-771',
  title: 'Successful Firmware update via alternative mechanism (pull)',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware:pull', 'firmware-protocol:coap'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-771; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Package URI); RFC 7959 §2.4 (Block2), RFC 7252 §5.10.6 (ETag)',
  purpose: 'The server resets /5/0, writes the URI of a valid package the harness serves over CoAP (Block2, ETag), follows State to Downloaded with Result 0 while the device pulls every block in order, executes Update /5/0/2, follows Downloaded → Updating → Idle, and reads back Result 1 and the new version in /3/0/3 and /5/0/7.',
  notes: 'The harness serves the package over CoAP (an HTTP server is not offered). Of the two valid packages it serves the one whose version the device does not run yet.',
  waitsMs: (t) => 2 * t.timing.firmwareWithinMs,
  async run(ctx) {
    await firmwareConfigured(ctx);
    resetAfterCase(ctx);
    const reset = await resetFirmware(ctx, 'pull');
    ctx.require('A', 'MUST', 'The reset (an empty /5/0/1) is answered 2.04 Changed', codeOf(reset), '2.04', on(reset));
    const watch = await FirmwareWatch.start(ctx);
    const { pkg, before } = await newerPackage(ctx);
    const from = watch.mark();
    const t0 = performance.now();
    const delivery = await deliver(ctx, pkg, 'pull');
    ctx.require('B', 'MUST', 'The Write of the Package URI to /5/0/1 is answered 2.04 Changed', codeOf(delivery.write), '2.04', on(delivery.write));
    const ended = await watch.until(downloadEnded, ctx.target.timing.firmwareWithinMs);
    const last = delivery.server?.requests.all().at(-1);
    if (last) ctx.note(`package transfer: ${delivery.server!.requests.all().length} block requests in ${((last.atMs - t0) / 1000).toFixed(3)} s`);
    checkPulled(ctx, 'C', delivery, pkg);
    watch.checkPath('D', 'State went Idle → Downloading → Downloaded, each step a transition of Object 5', from, [State.idle, State.downloading, State.downloaded]);
    ctx.require('E', 'MUST', 'The download ends in State 2 (Downloaded) with Update Result 0 throughout', { ...pair(ended ?? watch.current), results: watch.results(from) }, { state: State.downloaded, result: 0, results: [0] });
    await updateAndCheck(ctx, watch, pkg, before, ['F', 'G', 'H', 'I', 'J']);
  },
});
