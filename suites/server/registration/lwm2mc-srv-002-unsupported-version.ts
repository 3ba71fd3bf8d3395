import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, codeOf, registerAnswer, registeredClient, registerSent } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-002',
  title: 'Register with an unsupported LwM2M version gets 4.12',
  interface: 'registration',
  tests: 'server',
  since: '1.1',
  ref: 'OMA-TS-LightweightM2M_Transport §8.2.1 (4.12 Precondition Failed: the LwM2M version is not supported)',
  purpose:
    'A simulated client registers claiming lwm2m=9.9; the server must refuse with 4.12 Precondition Failed. ' +
    'A client in the same form with a supported version registers first, so a 4.00 cannot be the payload\'s fault.',
  async run(ctx) {
    // The form the server accepts, so that the only thing changed is the version.
    const accepted = registerSent((await registeredClient(ctx)).client);
    const spec = { lwm2m: '9.9' };
    const client = await ctx.clients.create();
    const reg = await client.register(spec);
    const answer = codeOf(reg) === '4.00'
      ? `4.00: the server refused the version as a bad request (the same payload with lwm2m=${accepted.version} was accepted)`
      : registerAnswer(client, reg, spec);
    ctx.check('A', 'MUST', 'The Register is answered 4.12 Precondition Failed', answer, expect.matches(/^4\.12\b/, '4.12 Precondition Failed'), at(reg));
  },
});
