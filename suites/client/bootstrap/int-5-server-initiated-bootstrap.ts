import { defineCase } from '../../../harness/run/case.ts';
import { at, bootstrapRequested, codeOf, registersAfter, serverAccountInstances, writeServerAccount } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-5',
  title: 'Server Initiated Bootstrap',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.1',
  config: 'C.13',
  requires: ['bootstrap:client-initiated', 'bootstrap:server-initiated'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-5; OMA-TS-LightweightM2M_Core §5.2.7.1, §6.1.4',
  purpose:
    'With the client registered, the LwM2M server executes the Bootstrap-Request Trigger /1/0/9: the client ' +
    'must answer 2.04, send a Bootstrap-Request, accept the new configuration and register again.',
  notes: 'The client is first brought to "registered" through a client-initiated bootstrap (C.13).',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const first = ctx.server.position();
    const writes = await writeServerAccount(ctx);
    const finish = await ctx.bootstrap.finish(ep);
    ctx.precondition([...writes, finish].every((o) => o.response?.code.startsWith('2.')), `the first bootstrap did not complete (${[...writes, finish].map(codeOf).join(', ')})`);
    ctx.precondition(await ctx.server.waitFor('register', { since: first, within: ctx.target.timing.registerWithinMs, endpoint: ep, signal: ctx.signal }), 'the client did not register after its first bootstrap');
    const since = ctx.bootstrap.position();
    // The Server instance the bootstrap above wrote.
    const triggerPath = `/1/${(await serverAccountInstances(ctx)).server[0]!.instance}/9`;
    const trigger = await ctx.server.execute(ep, triggerPath);
    ctx.check('B', 'MUST', `Execute ${triggerPath} (Bootstrap-Request Trigger) is answered 2.04 Changed`, codeOf(trigger), '2.04', at(trigger));
    await bootstrapRequested(ctx, 'C', since, ctx.target.timing.reactionWithinMs + ctx.target.timing.registerWithinMs);
    const registered = ctx.server.position();
    const again = await writeServerAccount(ctx);
    const done = await ctx.bootstrap.finish(ep);
    ctx.check('D', 'MUST', 'The new configuration is accepted: writes 2.04, Finish 2.04', [...again, done].map(codeOf), ['2.04', '2.04', '2.04'], at(done));
    await registersAfter(ctx, 'E', registered);
  },
});
