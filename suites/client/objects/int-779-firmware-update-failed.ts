import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { condition, deliver, deliveryAnswered, deliveryOf, downloadEnded, fromIdle, installEnded, newerPackage, pair, readText, State } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-779',
  title: 'Error case 8: unsuccessful firmware update',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware-delivery', 'driver:fw-fail-install'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-779; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Update Result 8: firmware update failed)',
  purpose: 'With installing bound to fail (fw-fail-install driver), the server delivers a valid package and executes Update; the device must go Downloaded → Updating → Downloaded, report Update Result 8, and keep its firmware version.',
  notes: 'An install that fails cannot be asked for over LwM2M, so the case needs the fw-fail-install driver. The ETS expects State 2 after the failure (the package kept for another attempt).',
  waitsMs: (t) => 2 * t.timing.firmwareWithinMs,
  async run(ctx) {
    const how = deliveryOf(ctx);
    const watch = await fromIdle(ctx, how);
    await condition(ctx, 'fw-fail-install');
    const { pkg, before } = await newerPackage(ctx);
    const delivery = await deliver(ctx, pkg, how);
    deliveryAnswered(ctx, 'A', how, delivery.write);
    const downloaded = await watch.until(downloadEnded, ctx.target.timing.firmwareWithinMs);
    ctx.require('B', 'MUST', 'The download ends in State 2 (Downloaded) with Update Result 0', pair(downloaded ?? watch.current), { state: State.downloaded, result: 0 });
    const from = watch.mark();
    const exec = await ctx.server.execute(ctx.target.endpoint, '/5/0/2');
    ctx.require('C', 'MUST', 'Execute Update /5/0/2 is answered 2.04 Changed', codeOf(exec), '2.04', on(exec));
    const ended = await watch.until(installEnded, ctx.target.timing.firmwareWithinMs);
    ctx.check('D', 'MUST', 'The update fails with Update Result 8 (firmware update failed) and State 2 (Downloaded)', pair(ended ?? watch.current), { state: State.downloaded, result: 8 }, ended?.seq !== undefined ? { at: ended.seq } : {});
    watch.checkPath('E', 'State went Downloaded → Updating → Downloaded, each step a transition of Object 5', from, [State.downloaded, State.updating, State.downloaded]);
    const version = await readText(ctx, '/3/0/3');
    ctx.check('F', 'MUST', `Firmware Version /3/0/3 is unchanged ("${before ?? '?'}")`, version.value ?? codeOf(version.outcome), before ?? '(unread before)', on(version.outcome));
  },
});
