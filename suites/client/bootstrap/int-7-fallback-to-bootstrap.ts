import { defineCase } from '../../../harness/run/case.ts';
import { c13Configuration, type ProvisionedInstance } from '../../../harness/run/case-bootstrap.ts';
import { accountBesideBootstrap, at, bootstrapRequested, codeOf, registersAfter, s, writeServerAccount } from './steps.ts';

/** Written to the unanswering account's Server instance so that the client gives up soon: 2 attempts 1 s apart, one sequence. */
const retries = { attempts: 2, timerS: 1, sequenceDelayS: 1, sequences: 1 };

export default defineCase({
  id: 'LightweightM2M-1.1-int-7',
  title: 'Fallback to bootstrap',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.1',
  config: 'C.13',
  requires: ['bootstrap:client-initiated'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-7; OMA-TS-LightweightM2M_Core §6.1.2, §6.2.1.1; Server object /1/x/16..20',
  purpose:
    'The bootstrap server provisions a server account whose server never answers; the client\'s registration must ' +
    'fail, the client must then bootstrap again, accept a working account and register with it.',
  notes:
    'The ETS\'s "non-existent server" is a UDP socket the harness binds and never answers, so that the Register ' +
    `attempts are seen arriving. The account sets Bootstrap on Registration Failure (/1/0/16) true, Communication Retry ` +
    `Count (/1/0/17) ${retries.attempts}, Retry Timer (/1/0/18) ${retries.timerS} s, Sequence Delay Timer (/1/0/19) ` +
    `${retries.sequenceDelayS} s and Sequence Retry Count (/1/0/20) ${retries.sequences}, instead of the ETS's 600 s ` +
    'wait. The fallback is due within that many attempts of MAX_TRANSMIT_WAIT (from timing.coap: the client is ' +
    'expected to use the same CoAP timers) plus the timers, plus registerWithin.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const silent = await ctx.server.startUnanswering();
    try {
      // The C.1 numbering, as the other bootstrap cases write it, beside the device's bootstrap account.
      const account = await accountBesideBootstrap(ctx, c13Configuration(silent.uri).instances.map((item): ProvisionedInstance =>
        item.object === 1 ? { ...item, values: { ...item.values, 16: true, 17: retries.attempts, 18: retries.timerS, 19: retries.sequenceDelayS, 20: retries.sequences } } : item,
      ));
      const writes = [await ctx.bootstrap.write(ep, '/0', account.security), await ctx.bootstrap.write(ep, '/1', account.server)];
      const finish = await ctx.bootstrap.finish(ep);
      ctx.precondition([...writes, finish].every((o) => o.response?.code === '2.04'), `the unanswering account could not be provisioned (${[...writes, finish].map(codeOf).join(', ')})`);
      ctx.note(`provisioned a server account on ${silent.uri}, which never answers`);

      const registerWithin = ctx.target.timing.registerWithinMs;
      const attempt = await silent.waitFor({ since: 0, within: registerWithin, signal: ctx.signal, where: (r) => r.method === 'POST' && r.path === '/rd' });
      ctx.arrived('B', 'MUST', 'The client tries to register to the server it was given (POST /rd arrives)', attempt, registerWithin, (r) => `POST ${r.path}?${r.query.join('&')}`);

      const since = ctx.bootstrap.position();
      const exchangeMs = ctx.target.timing.maxTransmitWaitMs;
      const timersMs = (retries.timerS * (2 ** (retries.attempts - 1) - 1) + retries.sequenceDelayS * (2 ** (retries.sequences - 1) - 1)) * 1000;
      const within = retries.attempts * retries.sequences * exchangeMs + timersMs + registerWithin;
      const fallback = await bootstrapRequested(ctx, 'C', since, within, 'When its registration fails, the client falls back to a client-initiated bootstrap (POST /bs?ep=…)');
      const attempts = silent.attempts('POST', '/rd').filter((r) => r.atMs <= fallback.atMs);
      ctx.check(
        'D',
        'SHOULD',
        `Before falling back the client makes /1/0/17 × /1/0/20 = ${retries.attempts * retries.sequences} Register attempts`,
        attempts.length,
        retries.attempts * retries.sequences,
        attempts.length > 0 ? at(attempts[attempts.length - 1]!) : {},
      );
      ctx.note(`Register attempts at ${attempts.map((r) => `${s(r.atMs - attempt!.atMs)} s`).join(', ')} after the first; Bootstrap-Request ${s(fallback.atMs - attempt!.atMs)} s after it`);

      const registered = ctx.server.position();
      const again = await writeServerAccount(ctx);
      const done = await ctx.bootstrap.finish(ep);
      ctx.precondition([...again, done].every((o) => o.response?.code === '2.04'), `the working account could not be provisioned (${[...again, done].map(codeOf).join(', ')})`);
      await registersAfter(ctx, 'E', registered, 'The client registers with the new configuration');
    } finally {
      await silent.close();
    }
  },
});
