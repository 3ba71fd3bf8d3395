import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, configured, nextNotification, on, periods, s } from '../dm-steps.ts';
import { changeValue, requireObserved } from './observe-steps.ts';

export default defineCase({
  id: 'LWM2MC-IR-001',
  title: 'A change is notified once pmin has passed, not before',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.3',
  requires: ['operation:observe', 'operation:write-attributes', 'change-cue'],
  ref: 'OMA-TS-LightweightM2M_Core §5.1.2 (pmin), §6.4.1; PITFALLS IF-16',
  purpose:
    'The server sets pmin on Disable Timeout /1/0/5 (a writable number, so the change is the harness\'s), observes it and changes it at once; ' +
    'the notification must not come before pmin, and must come promptly after.',
  notes: 'pmin is the profile\'s pmin, at least 2 s so that "before" and "after" differ by more than the tolerance; pmax is set far away.',
  waitsMs: (target) => Math.max(2, target.timing.pminS) * 1000 + target.timing.toleranceMs + target.timing.reactionWithinMs,
  floorMs: (target) => Math.max(2, target.timing.pminS) * 1000,
  async run(ctx) {
    await configured(ctx, 'C.3');
    const { toleranceMs } = periods(ctx);
    const pmin = Math.max(2, periods(ctx).pmin);
    const disableTimeout = ctx.device.serverAccount.resource(5);
    const wa = await ctx.server.writeAttributes(ctx.target.endpoint, disableTimeout, `pmin=${pmin}&pmax=3600`);
    ctx.require('A', 'MUST', `Write-Attributes pmin=${pmin}&pmax=3600 on ${disableTimeout} is answered 2.04`, codeOf(wa), '2.04', on(wa));
    const since = ctx.server.position();
    const observation = await ctx.server.observe(ctx.target.endpoint, disableTimeout);
    const t0 = performance.now();
    requireObserved(ctx, 'B', `Observe ${disableTimeout}`, observation);
    await changeValue(ctx, 'C', disableTimeout, '1234', 'a change before pmin');
    const within = pmin * 1000 + toleranceMs + ctx.target.timing.reactionWithinMs;
    const note = await nextNotification(ctx, observation.id, since, within);
    const after = note ? s(note.atMs - t0) : undefined;
    ctx.check('D', 'MUST', `The change is not notified before pmin ${pmin} s (tolerance ${s(toleranceMs)} s); seconds after the Observe`, after ?? `none within ${s(within)} s`, expect.that(`at least ${pmin - toleranceMs / 1000} s`, (v) => typeof v !== 'number' || v >= pmin - toleranceMs / 1000), on(note));
    ctx.check('E', 'MUST', `The change is notified by pmin + ${s(ctx.target.timing.reactionWithinMs)} s`, after ?? `none within ${s(within)} s`, expect.atMost(s(within), 's'), on(note));
  },
});
