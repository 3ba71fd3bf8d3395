import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, registerAnswer } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-101',
  title: 'Initial Registration',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-101; OMA-TS-LightweightM2M_Core §6.2.1; Transport §8.2.1',
  purpose: 'A simulated client in configuration C.1 registers; the server must answer 2.01 Created with a Location-Path under /rd.',
  async run(ctx) {
    const client = await ctx.clients.create();
    const reg = await client.register();
    ctx.require('A', 'MUST', 'Register is answered 2.01 Created', registerAnswer(client, reg), '2.01', at(reg));
    ctx.check('B', 'MUST', 'The Location-Path is under /rd', reg.response!.locationPath, expect.matches(/^\/rd\/[^/]+/, 'a path /rd/{location}'), at(reg));
    ctx.check('C', 'MUST', 'The response is a piggybacked ACK or a confirmable separate response', reg.response!.message.type, expect.oneOf('ACK', 'CON'), at(reg));
  },
});
