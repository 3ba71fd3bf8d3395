import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { deliveryOf, FirmwareWatch, firmwareConfigured, pair, resetFirmware, State } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-772',
  title: 'Error case 1: install without a downloaded package',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-772; OMA-TS-LightweightM2M_Core §6.3.5 (Execute), Appendix E.6 (Object 5 Update: only in Downloaded)',
  purpose: 'With State not 2 (Downloaded), the server executes Update /5/0/2; the device must answer 4.05 Method Not Allowed and leave State and Update Result as they were.',
  notes: 'A device found in Downloaded is reset to Idle first (when it claims a delivery method). State and Update Result are read again after the refusal and followed for the reaction time (timing.reactionWithin): a device that starts updating anyway shows it there.',
  waitsMs: (t) => t.timing.reactionWithinMs,
  async run(ctx) {
    await firmwareConfigured(ctx);
    const watch = await FirmwareWatch.start(ctx);
    if (watch.current.state === State.downloaded && (ctx.target.features.has('firmware:push') || ctx.target.features.has('firmware:pull'))) {
      const reset = await resetFirmware(ctx, deliveryOf(ctx));
      ctx.note(`the device was in Downloaded; reset answered ${codeOf(reset)}`);
      await watch.read();
    }
    const before = pair(watch.current);
    ctx.precondition(before.state !== null && before.state !== State.downloaded, `the device is in State ${before.state ?? '(unread)'}: the case needs a State other than 2 (Downloaded)`);
    const exec = await ctx.server.execute(ctx.target.endpoint, '/5/0/2');
    ctx.check('A', 'MUST', `Execute Update /5/0/2 in State ${before.state} is answered 4.05 Method Not Allowed`, codeOf(exec), '4.05', on(exec));
    const changed = await watch.until((x) => x.state !== before.state || x.result !== before.result, ctx.target.timing.reactionWithinMs);
    await watch.read();
    ctx.check('B', 'MUST', 'State /5/0/3 and Update Result /5/0/5 are unchanged', pair(changed ?? watch.current), before);
  },
});
