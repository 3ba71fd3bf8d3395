import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { ServerEvent } from '../../../harness/run/case-server.ts';
import { CF, codeOf, decodePayload, on, periods, s, valuesOf } from '../dm-steps.ts';
import { deliver, deliveryAnswered, deliveryOf, firmwareConfigured, loadPackage, resetAfterCase, resetFirmware, State } from './firmware-steps.ts';

const stateIn = (payload: Buffer | undefined, format: number | undefined) => {
  const values = valuesOf(decodePayload(payload, format ?? CF.text, '/5/0/3'));
  return typeof values === 'string' ? values : values['/5/0/3'] ?? 'absent';
};

export default defineCase({
  id: 'LightweightM2M-1.1-int-760',
  title: 'FW Update: Basic Observation',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware-delivery', 'operation:observe', 'operation:write-attributes'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-760; OMA-TS-LightweightM2M_Core §6.4.1 (Observe), Appendix E.6 (Object 5 State)',
  purpose: 'The server writes pmin/pmax on /5/0, observes State /5/0/3 (Idle), delivers a valid package, and waits for a notification showing State 2 (Downloaded).',
  notes: 'pmin/pmax are the profile\'s (timing.pmin, timing.pmax) in place of the ETS\'s 2 s / 10 s. The package is pushed when the device claims push, else pulled from the harness over CoAP.',
  waitsMs: (t) => t.timing.firmwareWithinMs + t.timing.pmaxS * 1000,
  async run(ctx) {
    await firmwareConfigured(ctx);
    resetAfterCase(ctx);
    const how = deliveryOf(ctx);
    const reset = await resetFirmware(ctx, how);
    ctx.precondition(codeOf(reset) === '2.04', `resetting /5/0 to Idle was answered ${codeOf(reset)}`);
    const { pmin, pmax, toleranceMs } = periods(ctx);
    const wa = await ctx.server.writeAttributes(ctx.target.endpoint, '/5/0', `pmin=${pmin}&pmax=${pmax}`);
    ctx.require('A', 'MUST', `Write-Attributes /5/0?pmin=${pmin}&pmax=${pmax} is answered 2.04 Changed`, codeOf(wa), '2.04', on(wa));
    ctx.afterCase(async () => void (await ctx.server.writeAttributes(ctx.target.endpoint, '/5/0', 'pmin&pmax')));
    const since = ctx.server.position();
    const observation = await ctx.server.observe(ctx.target.endpoint, '/5/0/3', { accept: CF.text });
    ctx.afterCase(async () => void (await observation.cancel('observe-1')));
    ctx.require('B', 'MUST', 'Observe /5/0/3 is answered 2.05 with an Observe option', observation.established ? '2.05 with Observe' : codeOf(observation.first), '2.05 with Observe', on(observation.first));
    ctx.check('C', 'MUST', 'The first answer shows State 0 (Idle)', stateIn(observation.first.response?.payload, observation.first.response?.contentFormat), State.idle, on(observation.first));
    const pkg = await loadPackage(ctx, 'valid');
    const delivery = await deliver(ctx, pkg, how);
    deliveryAnswered(ctx, 'D', how, delivery.write);
    const within = ctx.target.timing.firmwareWithinMs + pmax * 1000 + toleranceMs;
    const seen: unknown[] = [];
    const downloaded = await ctx.server.waitFor('notify', {
      since,
      within,
      where: (e: ServerEvent) => {
        if (e.observation !== observation.id) return false;
        const state = stateIn(e.payload, e.contentFormat);
        seen.push(state);
        return state === State.downloaded;
      },
    });
    ctx.check('E', 'MUST', 'A notification shows State 2 (Downloaded)', `states notified: ${seen.join(', ') || 'none'}`,
      expect.that(`a notification with State 2 within ${s(within)} s`, () => downloaded !== undefined), on(downloaded));
  },
});
