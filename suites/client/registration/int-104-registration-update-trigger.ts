import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, expectEvent, queryText, registered, s, withLifetime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-104',
  title: 'Registration Update Trigger',
  interface: 'registration',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-104; OMA-TS-LightweightM2M_Core §6.2.2, §E.2 (Registration Update Trigger /1/x/8)',
  purpose:
    'With the client registered with a short lifetime, the server executes Registration Update Trigger ' +
    '(/1/0/8); the client must answer 2.04 and send an Update without parameters, and still be registered ' +
    'when the original lifetime has passed.',
  notes: 'The ETS lifetime of 20 s is replaced by the profile\'s shortLifetime.',
  // Criterion 4 outlasts the lifetime that was running at the trigger.
  floorMs: (target) => target.timing.shortLifetimeS * 1000 + target.timing.toleranceMs,
  async run(ctx) {
    const reg = await registered(ctx);
    const lifetime = ctx.target.timing.shortLifetimeS;
    const lifetimeUpdate = await withLifetime(ctx, lifetime);
    const originalExpiry = lifetimeUpdate.atMs + lifetime * 1000;

    const since = ctx.server.position();
    const trigger = ctx.device.serverAccount.resource(8);
    const exec = await ctx.server.execute(ctx.target.endpoint, trigger);
    ctx.require('A', 'MUST', `Execute on Registration Update Trigger ${trigger} is answered 2.04 Changed`, exec.response?.code ?? exec.error, '2.04');
    const update = await expectEvent(
      ctx,
      { id: 'B', description: 'The client sends an Update after the trigger' },
      'update',
      { since, within: ctx.target.timing.reactionWithinMs },
      (e) => `POST ${e.path}`,
    );
    ctx.check('C', 'MUST', 'The triggered Update carries no parameters', queryText(update), '(none)', at(update));
    ctx.check('D', 'MUST', 'The triggered Update goes to the registration location', update.path ?? null, reg.location, at(update));

    // Criterion 4: still registered once the lifetime that was running at the trigger has passed.
    const waitMs = Math.max(0, originalExpiry + ctx.target.timing.toleranceMs - performance.now());
    const expired = await ctx.server.waitFor('expired', { since, within: waitMs, endpoint: ctx.target.endpoint, signal: ctx.signal });
    ctx.check(
      'E',
      'MUST',
      `The client is still registered after the original ${lifetime} s lifetime has passed`,
      expired ? `registration expired after ${s(expired.atMs - lifetimeUpdate.atMs)} s` : ctx.server.registrationOf(ctx.target.endpoint) ? 'registered' : 'not registered',
      expect.oneOf('registered'),
    );
  },
});
