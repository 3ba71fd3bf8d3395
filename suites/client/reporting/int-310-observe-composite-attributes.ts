import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, configuredNeeding, decoded, nextNotification, on, periods, s, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from '../management/composite-steps.ts';
import { requireObserved } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-310',
  title: 'Observe-Composite and modification of parameter values',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:observe-composite', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-310; OMA-TS-LightweightM2M_Core §6.4.4 (Observe-Composite), §5.1.2 (pmax; attributes written later apply)',
  purpose:
    'The server observes /1/0/1 and /3/0 in one FETCH, then writes pmax on /3; the observation must take the new pmax: ' +
    'a notification by pmax after the write, and the next about pmax later.',
  notes:
    'The ETS says "Observe set to 1" for the FETCH, an erratum (CATALOGUE §6): Observe=0 starts the observation. ' +
    'The ETS pmax of 5 s is the profile\'s pmax; the composite\'s other path keeps the server default /1/0/3, so the smaller pmax governs. ' +
    'Nothing observed changes, so each notification is a pmax one: the interval is judged as pmax ± the tolerance.',
  waitsMs: (target) => 2 * (periods({ target }).pmax * 1000 + target.timing.toleranceMs),
  floorMs: (target) => 2 * periods({ target }).pmax * 1000,
  async run(ctx) {
    // The other path keeps the server default pmax /1/0/3 (C.3's 10 s), which must stay above the profile's pmax.
    await configuredNeeding(ctx, ['/1/0/3'], 'C.1', 'C.3');
    const { pmax, toleranceMs } = periods(ctx);
    const tolerance = toleranceMs / 1000;
    const lifetime = ctx.device.serverAccount.resource(1);
    const observation = await ctx.server.observeComposite(ctx.target.endpoint, [lifetime, '/3/0'], senmlFormat(ctx));
    requireObserved(ctx, 'A', `Observe-Composite of ${lifetime} and /3/0`, observation);
    const values = valuesOf(decoded(observation.first));
    const held = [lifetime, '/3/0/0', '/3/0/16'];
    ctx.check('B', 'MUST', `The answer holds ${lifetime} and the /3/0 resources`, typeof values === 'string' ? values : held.map((p) => (p in values ? p : `${p} missing`)), held, on(observation.first));
    const wa = await ctx.server.writeAttributes(ctx.target.endpoint, '/3', `pmax=${pmax}`);
    ctx.require('C', 'MUST', `Write-Attributes pmax=${pmax} on /3 is answered 2.04`, codeOf(wa), '2.04', on(wa));
    const since = ctx.server.position();
    const t0 = performance.now();
    const within = pmax * 1000 + toleranceMs;
    const first = await nextNotification(ctx, observation.id, since, within);
    ctx.check('D', 'MUST', `A notification comes by the new pmax ${pmax} s (tolerance ${s(toleranceMs)} s); seconds after the Write-Attributes`,
      first ? s(first.atMs - t0) : `none within ${s(within)} s`, expect.atMost(pmax + tolerance, 's'), on(first));
    if (!first) return;
    const second = await nextNotification(ctx, observation.id, ctx.server.position(), within);
    ctx.check('E', 'MUST', `The next notification follows about pmax ${pmax} s later (± ${s(toleranceMs)} s); seconds measured`,
      second ? s(second.atMs - first.atMs) : `none within ${s(within)} s`, expect.between(Math.max(0, pmax - tolerance), pmax + tolerance, 's'), on(second));
  },
});
