import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, expectEvent, queryText, registered, s } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-102',
  title: 'Registration Update',
  interface: 'registration',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-102; OMA-TS-LightweightM2M_Core §6.2.2, §6.2.1 (Lifetime)',
  purpose:
    'The server writes a short Lifetime to /1/0/1; the client must answer 2.04, send an Update carrying the new ' +
    'lt, and then keep its registration alive with an Update before that lifetime ends.',
  notes:
    'The ETS uses 20 s; the profile\'s shortLifetime replaces it so runs stay fast. Criterion 4 lets the server ' +
    'de-register a silent client instead; against a client under test only the Update path shows conformance, ' +
    'so a missing Update fails check D.',
  async run(ctx) {
    const reg = await registered(ctx);
    const lifetime = ctx.target.timing.shortLifetimeS;
    const since = ctx.server.position();
    const lifetimePath = ctx.device.serverAccount.resource(1);
    const write = await ctx.server.write(ctx.target.endpoint, lifetimePath, String(lifetime));
    ctx.require('A', 'MUST', `Write ${lifetime} to Lifetime ${lifetimePath} is answered 2.04 Changed`, write.response?.code ?? write.error, '2.04');

    const update = await expectEvent(
      ctx,
      { id: 'B', description: 'The client sends an Update after the lifetime write' },
      'update',
      { since, within: ctx.target.timing.reactionWithinMs },
      (e) => `POST ${e.path}`,
    );
    ctx.check('C', 'MUST', 'The Update carries the new lifetime', update.params?.params.lt ?? null, String(lifetime), at(update));
    ctx.check('D', 'MUST', 'The Update goes to the registration location', update.path ?? null, reg.location, at(update));

    // The next Update must arrive before the new lifetime ends, counted from the last one.
    const allowed = lifetime * 1000 + ctx.target.timing.toleranceMs;
    const since2 = ctx.server.position();
    const next = await ctx.server.waitFor('update', { since: since2, within: allowed, endpoint: ctx.target.endpoint, signal: ctx.signal });
    const gap = next ? next.atMs - update.atMs : undefined;
    ctx.check(
      'E',
      'MUST',
      `A further Update arrives before the ${lifetime} s lifetime ends (seconds after the previous Update)`,
      gap === undefined ? `none within ${s(allowed)} s` : s(gap),
      expect.atMost(s(allowed), `s (lifetime + ${s(ctx.target.timing.toleranceMs)} s tolerance)`),
      at(next),
    );
    if (next) ctx.check('F', 'SHOULD', 'The periodic Update carries no parameters (nothing changed)', queryText(next), '(none)', at(next));
  },
});
