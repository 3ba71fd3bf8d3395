import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, bootstrapRequested, codeOf, describeFirst, firstMessageAfter, registersAfter, writeServerAccount } from './steps.ts';

/** A lifetime no factory account has: a Register with it shows the provisioned account was kept. */
const lifetimeS = 3623;

export default defineCase({
  id: 'LightweightM2M-1.1-int-6',
  title: 'Bootstrap Sequence',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.1',
  config: 'C.13',
  requires: ['bootstrap:client-initiated', 'driver:reboot'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-6; OMA-TS-LightweightM2M_Core §6.1.2 (bootstrap sequence), §6.1.3',
  purpose:
    'Started from its factory configuration (a bootstrap account, no server account) the client must bootstrap; ' +
    'once provisioned with a server account, a reboot must bring it back registering to that server, without ' +
    'bootstrapping again.',
  notes:
    'The ETS has the tester power the device on in each state; the profile\'s factory-reset and reboot drivers do ' +
    'that. Of the sequence (smartcard, factory bootstrap, registration to the configured servers, client-initiated ' +
    'bootstrap when all of them fail) the case checks the last two steps; falling back to bootstrap when the ' +
    'configured server does not answer is int-7.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A', undefined, ctx.target.timing.registerWithinMs, 'Without a server account the client sends a Bootstrap-Request (POST /bs?ep=…)');
    const since = ctx.server.position();
    const writes = await writeServerAccount(ctx, lifetimeS);
    const finish = await ctx.bootstrap.finish(ep);
    ctx.precondition([...writes, finish].every((o) => o.response?.code === '2.04'), `the bootstrap did not complete (${[...writes, finish].map(codeOf).join(', ')})`);
    await registersAfter(ctx, 'B', since, 'After the bootstrap the client registers to the server it was given');

    const mark = { server: ctx.server.position(), bootstrap: ctx.bootstrap.position() };
    await ctx.drive('reboot');
    ctx.note('rebooted the client through the profile\'s reboot driver');
    const within = ctx.target.timing.registerWithinMs;
    const first = ctx.arrived('C', 'MUST', 'After the reboot the client sends a Register or a Bootstrap-Request', await firstMessageAfter(ctx, mark, within), within, describeFirst);
    ctx.require(
      'D',
      'MUST',
      'With its server account kept, the client registers to that server instead of bootstrapping',
      describeFirst(first),
      expect.matches(/^Register /, 'a Register (POST /rd), no Bootstrap-Request first'),
      at(first.event),
    );
    if (first.kind === 'register') {
      ctx.check('E', 'MUST', `The Register carries the lifetime provisioned before the reboot (lt=${lifetimeS})`, first.event.params?.params.lt ?? null, String(lifetimeS), at(first.event));
    }
  },
});
