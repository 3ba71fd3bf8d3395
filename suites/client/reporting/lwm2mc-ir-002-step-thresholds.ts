import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, configuredNeeding, decodePayload, nextNotification, on, periods, pick, s, valuesOf } from '../dm-steps.ts';
import { changeValue, requireObserved } from './observe-steps.ts';
import type { CaseContext } from '../../../harness/run/context.ts';

// Thresholds around C.3's Disable Timeout 86400: consistent (lt + 2·st < gt).
const lt = 1000;
const gt = 90000;
const st = 20000;

/**
 * pmin is the profile's; pmax at least pmin + 3 s (a change at pmin and the pmax notification
 * differ by more than the tolerance) and beyond the crossing's whole window (the write's answer,
 * pmin, the reaction time and the tolerance, twice), so the next pmax notification can never pass
 * for the crossing's.
 */
function stepPeriods(on: Pick<CaseContext, 'target'>): { pmin: number; pmax: number; toleranceMs: number } {
  const { pmin, pmax: profilePmax, toleranceMs } = periods(on);
  const { responseWithinMs, reactionWithinMs } = on.target.timing;
  const crossingWindowS = (Math.max(pmin * 1000, responseWithinMs) + reactionWithinMs + 2 * toleranceMs) / 1000;
  return { pmin, pmax: Math.max(profilePmax, pmin + 3, Math.floor(crossingWindowS) + 1), toleranceMs };
}

export default defineCase({
  id: 'LWM2MC-IR-002',
  title: 'With gt/lt/st, a small change waits for pmax; a crossing of gt is notified once pmin has passed',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.3',
  requires: ['operation:observe', 'operation:write-attributes', 'change-cue'],
  ref: 'OMA-TS-LightweightM2M_Core §5.1.2 (gt, lt, st; pmin, pmax); PITFALLS IF-15, IF-16',
  purpose:
    `The server sets pmin, pmax, lt=${lt}, gt=${gt} and st=${st} on Disable Timeout /1/0/5 (a writable number, so the changes are the harness's) and observes it. ` +
    'It changes the value by less than st without crossing a threshold: nothing may be notified before pmax. Then it moves the value across gt: ' +
    'that must be notified promptly once pmin has passed.',
  notes:
    'pmin is the profile\'s; pmax is the profile\'s but at least pmin + 3 s, so that a change notified at pmin and the pmax notification differ by more than the tolerance, ' +
    'and longer than the crossing\'s window, so that the next pmax notification cannot pass for the crossing\'s.',
  waitsMs: (target) => {
    const { pmin, pmax, toleranceMs } = stepPeriods({ target });
    return pmax * 1000 + toleranceMs + pmin * 1000 + target.timing.reactionWithinMs + toleranceMs;
  },
  // The pmax notification, then the crossing once pmin has passed since it.
  floorMs: (target) => {
    const { pmin, pmax } = stepPeriods({ target });
    return (pmax + pmin) * 1000;
  },
  async run(ctx) {
    await configuredNeeding(ctx, ['/1/0/5'], 'C.3');
    const { pmin, pmax, toleranceMs } = stepPeriods(ctx);
    const tolerance = toleranceMs / 1000;
    const endpoint = ctx.target.endpoint;
    const disableTimeout = ctx.device.serverAccount.resource(5);
    const attributes = `pmin=${pmin}&pmax=${pmax}&lt=${lt}&gt=${gt}&st=${st}`;
    const wa = await ctx.server.writeAttributes(endpoint, disableTimeout, attributes);
    ctx.require('A', 'MUST', `Write-Attributes ${attributes} on ${disableTimeout} is answered 2.04`, codeOf(wa), '2.04', on(wa));
    const since = ctx.server.position();
    const observation = await ctx.server.observe(endpoint, disableTimeout);
    const t0 = performance.now();
    requireObserved(ctx, 'B', `Observe ${disableTimeout}`, observation);
    await changeValue(ctx, 'C', disableTimeout, '86500', 'a move of 100, below st, crossing nothing');
    const periodic = await nextNotification(ctx, observation.id, since, pmax * 1000 + toleranceMs);
    ctx.check('D', 'MUST', `The first notification is the pmax one: ${pmax} s ± ${s(toleranceMs)} s after the Observe, not the small change at pmin; seconds measured`,
      periodic ? s(periodic.atMs - t0) : `none within ${s(pmax * 1000 + toleranceMs)} s`, expect.between(pmax - tolerance, pmax + tolerance, 's'), on(periodic));
    if (!periodic) return;
    await changeValue(ctx, 'E', disableTimeout, '95000', `crossing gt=${gt}`);
    const t1 = performance.now();
    // Due once pmin has passed since the last notification, and at once if it already has.
    const dueS = Math.max(0, (periodic.atMs + pmin * 1000 - t1) / 1000);
    const within = (dueS * 1000) + ctx.target.timing.reactionWithinMs + toleranceMs;
    const note = await nextNotification(ctx, observation.id, ctx.server.position(), within);
    ctx.check('F', 'MUST', `The crossing is notified by pmin after the last notification plus ${s(ctx.target.timing.reactionWithinMs)} s (tolerance ${s(toleranceMs)} s); seconds after the write`,
      note ? s(note.atMs - t1) : `none within ${s(within)} s`, expect.atMost(s(within), 's'), on(note));
    if (note) ctx.check('G', 'MUST', 'It carries the new value 95000', pick(valuesOf(decodePayload(note.payload, note.contentFormat, disableTimeout)), [disableTimeout]), { [disableTimeout]: 95000 }, on(note));
  },
});
