import { defineCase } from '../../../harness/run/case.ts';
import { at, expectEvent, registered, s, withLifetime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-105',
  title: 'Discarded Register Update',
  interface: 'registration',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-105; OMA-TS-LightweightM2M_Core §6.2.2 (Update answered 4.04 → Register)',
  purpose:
    'The server silently drops the client\'s registration; the client\'s next Update is answered 4.04 Not Found, ' +
    'and the client must then register again (a full Register, as in int-101).',
  notes:
    'The ETS lets the server drop the registration by any means; the reference server forgets it. The 4.04 ' +
    'answer is the reference server\'s part; this case judges the client\'s reaction to it. With a ' +
    'trigger-update driver the next Update is asked for at once; without, it is the periodic one of a short lifetime.',
  async run(ctx) {
    await registered(ctx);
    const triggered = ctx.target.features.has('driver:trigger-update');
    const lifetime = ctx.target.timing.shortLifetimeS;
    if (!triggered) await withLifetime(ctx, lifetime);
    ctx.server.drop(ctx.target.endpoint);
    ctx.note('the reference server dropped the registration');

    const since = ctx.server.position();
    if (triggered) {
      await ctx.drive('trigger-update');
      ctx.note('the trigger-update driver asked the device for an Update');
    }
    const allowed = triggered ? ctx.target.timing.reactionWithinMs : lifetime * 1000 + ctx.target.timing.toleranceMs;
    const update = await expectEvent(
      ctx,
      { id: 'A', description: triggered ? 'Told to, the client sends an Update' : `The client sends its next Update before the ${lifetime} s lifetime ends` },
      'update',
      // The dropped registration's Update has no endpoint name any more.
      { since, within: allowed, anyEndpoint: true },
      (e) => `POST ${e.path} answered ${e.responseCode}`,
    );
    ctx.precondition(update.responseCode === '4.04', `the reference server answered the Update with ${update.responseCode}, not 4.04`);

    const afterNotFound = ctx.server.position();
    const register = await expectEvent(
      ctx,
      { id: 'B', description: 'After the 4.04 the client registers again (POST /rd)' },
      'register',
      { since: afterNotFound, within: ctx.target.timing.reactionWithinMs, anyEndpoint: true },
      (e) => `POST ${e.path} after ${s(e.atMs - update.atMs)} s`,
    );
    ctx.check('C', 'MUST', 'The new Register carries the same endpoint name', register.params?.params.ep ?? null, ctx.target.endpoint, at(register));
    ctx.check('D', 'MUST', 'The new Register is accepted (2.01 Created)', register.responseCode ?? null, '2.01', at(register));
  },
});
