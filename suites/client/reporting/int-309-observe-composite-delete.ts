import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, decodePayload, decoded, on, periods, s, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from '../management/composite-steps.ts';
import { createSecondPortfolio, portfolioInstances } from '../objects/portfolio-steps.ts';
import { requireObserved } from './observe-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-309',
  title: 'Observe-Composite and Deleting Object Instance',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.12',
  requires: ['object:16', 'operation:create', 'operation:delete', 'operation:observe-composite', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-309; OMA-TS-LightweightM2M_Core §6.4.4 (Observe-Composite), §6.3.7 (Delete)',
  purpose:
    'The server creates /16/1 beside /16/0, observes both in one FETCH and deletes /16/1; the client must answer 2.02, ' +
    'and the next notification must hold instance 0 only.',
  notes:
    'The ETS text expects "2.04 Deleted" for the Delete, an erratum (CATALOGUE §6): 2.02 Deleted is judged. ' +
    'The ETS creates /16/0 too; C.12 already holds it. pmin/pmax (the profile\'s) are written on /16 so that both instances ' +
    'notify within the profile\'s pmax, where the ETS relies on the server defaults.',
  // The change is notified once pmin has passed since the Observe.
  floorMs: (target) => periods({ target }).pmin * 1000,
  async run(ctx) {
    await configured(ctx, 'C.1', 'C.12');
    const { pmin, pmax, toleranceMs } = periods(ctx);
    const create = await createSecondPortfolio(ctx);
    ctx.require('A', 'MUST', 'Create of /16/1 is answered 2.01 Created', codeOf(create), '2.01', on(create));
    const wa = await ctx.server.writeAttributes(ctx.target.endpoint, '/16', `pmin=${pmin}&pmax=${pmax}`);
    ctx.require('B', 'MUST', `Write-Attributes pmin=${pmin}&pmax=${pmax} on /16 is answered 2.04`, codeOf(wa), '2.04', on(wa));
    const observation = await ctx.server.observeComposite(ctx.target.endpoint, ['/16/0', '/16/1'], senmlFormat(ctx));
    requireObserved(ctx, 'C', 'Observe-Composite of /16/0 and /16/1', observation);
    ctx.check('D', 'MUST', 'The answer holds /16/0 and /16/1', portfolioInstances(valuesOf(decoded(observation.first))), ['/16/0', '/16/1'], on(observation.first));
    const del = await ctx.server.delete(ctx.target.endpoint, '/16/1');
    ctx.require('E', 'MUST', 'Delete of /16/1 is answered 2.02 Deleted', codeOf(del), '2.02', on(del));
    const since = ctx.server.position();
    const t0 = performance.now();
    const within = pmax * 1000 + toleranceMs;
    const note = await ctx.server.waitFor('notify', { since, within, signal: ctx.signal, where: (e) => e.observation === observation.id });
    if (note) ctx.note(`notification ${s(note.atMs - t0)} s after the Delete`);
    const instances = note ? portfolioInstances(valuesOf(decodePayload(note.payload, note.contentFormat))) : `none within ${s(within)} s`;
    ctx.check('F', 'MUST', `The next notification (within pmax ${pmax} s + ${s(toleranceMs)} s of the Delete) holds /16/0 only`, instances, ['/16/0'], on(note));
  },
});
