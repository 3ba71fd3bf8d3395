import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, decodePayload, decoded, on, periods, s, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from '../management/composite-steps.ts';
import { createSecondPortfolio, portfolioInstances } from '../objects/portfolio-steps.ts';
import { requireObserved } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-308',
  title: 'Observe-Composite and Creating Object Instance',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.12',
  requires: ['object:16', 'operation:create', 'operation:observe-composite', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-308; OMA-TS-LightweightM2M_Core §6.4.4 (Observe-Composite), §6.3.6 (Create)',
  purpose:
    'The server writes pmin/pmax on /16/0 and observes /16/0 and the absent /16/1 in one FETCH; the answer holds instance 0 only. ' +
    'It then creates /16/1, and the next notification must hold both instances.',
  notes:
    'The ETS creates /16/0 first; configuration C.12 already holds it, so the case starts from it. ' +
    'The ETS window of 30-45 s is the profile\'s pmin/pmax; the notification after the Create is awaited for pmax plus the tolerance.',
  // The change is notified once pmin has passed since the Observe.
  floorMs: (target) => periods({ target }).pmin * 1000,
  async run(ctx) {
    await configured(ctx, 'C.1', 'C.12');
    const { pmin, pmax, toleranceMs } = periods(ctx);
    const absent = await ctx.server.read(ctx.target.endpoint, '/16/1');
    ctx.precondition(codeOf(absent) === '4.04', `/16/1 must not exist before the case (read: ${codeOf(absent)})`);
    const wa = await ctx.server.writeAttributes(ctx.target.endpoint, '/16/0', `pmin=${pmin}&pmax=${pmax}`);
    ctx.require('A', 'MUST', `Write-Attributes pmin=${pmin}&pmax=${pmax} on /16/0 is answered 2.04`, codeOf(wa), '2.04', on(wa));
    const format = senmlFormat(ctx);
    const observation = await ctx.server.observeComposite(ctx.target.endpoint, ['/16/0', '/16/1'], format);
    requireObserved(ctx, 'B', 'Observe-Composite of /16/0 and /16/1', observation);
    ctx.check('C', 'MUST', 'The answer holds instance /16/0 only', portfolioInstances(valuesOf(decoded(observation.first))), ['/16/0'], on(observation.first));
    const create = await createSecondPortfolio(ctx);
    ctx.require('D', 'MUST', 'Create of /16/1 is answered 2.01 Created', codeOf(create), '2.01', on(create));
    const since = ctx.server.position();
    const t0 = performance.now();
    const within = pmax * 1000 + toleranceMs;
    const note = await ctx.server.waitFor('notify', { since, within, signal: ctx.signal, where: (e) => e.observation === observation.id });
    const instances = note ? portfolioInstances(valuesOf(decodePayload(note.payload, note.contentFormat))) : `none within ${s(within)} s`;
    if (note) ctx.note(`notification ${s(note.atMs - t0)} s after the Create`);
    ctx.check('E', 'MUST', `The next notification (within pmax ${pmax} s + ${s(toleranceMs)} s of the Create) holds /16/0 and /16/1`, instances, ['/16/0', '/16/1'], on(note));
  },
});
