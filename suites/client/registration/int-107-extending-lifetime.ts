import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, expectEvent, registered, s, withLifetime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-107',
  title: 'Extending the lifetime of a registration',
  interface: 'registration',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['binding:U'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-107; OMA-TS-LightweightM2M_Core §6.2.2, §E.2 (Lifetime /1/x/1)',
  purpose:
    'With the client registered with a short lifetime, the server writes twice that lifetime to /1/0/1; the client ' +
    'must answer 2.04, immediately send an Update with the new lt, and send its next Update within the new lifetime.',
  notes:
    'The ETS uses 60 s then 120 s; the profile\'s shortLifetime and twice it replace them. "Immediately" is ' +
    'the profile\'s reactionWithin.',
  async run(ctx) {
    await registered(ctx);
    const first = ctx.target.timing.shortLifetimeS;
    await withLifetime(ctx, first);
    const extended = first * 2;

    const since = ctx.server.position();
    const lifetimePath = ctx.device.serverAccount.resource(1);
    const write = await ctx.server.write(ctx.target.endpoint, lifetimePath, String(extended));
    ctx.require('A', 'MUST', `Write ${extended} to Lifetime ${lifetimePath} is answered 2.04 Changed`, write.response?.code ?? write.error, '2.04');
    const update = await expectEvent(
      ctx,
      { id: 'B', description: 'The client immediately sends an Update' },
      'update',
      { since, within: ctx.target.timing.reactionWithinMs },
      (e) => `POST ${e.path}?${e.params?.query.join('&') ?? ''}`,
    );
    ctx.check('C', 'MUST', 'The Update carries the extended lifetime', update.params?.params.lt ?? null, String(extended), at(update));

    const allowed = extended * 1000 + ctx.target.timing.toleranceMs;
    const next = await ctx.server.waitFor('update', { since: ctx.server.position(), within: allowed, endpoint: ctx.target.endpoint, signal: ctx.signal });
    const gap = next ? next.atMs - update.atMs : undefined;
    ctx.check(
      'D',
      'MUST',
      `The next Update arrives within the extended ${extended} s lifetime (seconds after the previous Update)`,
      gap === undefined ? `none within ${s(allowed)} s` : s(gap),
      expect.atMost(s(allowed), `s (lifetime + ${s(ctx.target.timing.toleranceMs)} s tolerance)`),
      at(next),
    );
  },
});
