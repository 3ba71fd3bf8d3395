import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { driveAndCatch, on, registeredClient } from '../management/steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-201',
  title: 'Observe request from the server is well formed',
  interface: 'reporting',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['driver:observe'],
  ref: 'OMA-TS-LightweightM2M_Core §6.4.1 (Observe); RFC 7641 §3.1',
  purpose: 'The server is made to observe /3/0/0; its request must be a GET with Observe=0 on that path and a token to match notifications by.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const r = await driveAndCatch(ctx, client, 'observe', { path: '/3/0/0' });
    ctx.check('B', 'MUST', 'The request is a GET', r.request.method, 'GET', on(r));
    ctx.check('C', 'MUST', 'The request targets /3/0/0', r.request.path, '/3/0/0', on(r));
    ctx.check('D', 'MUST', 'The request carries Observe=0 (register)', r.request.observe ?? 'absent', 0, on(r));
    ctx.check('E', 'SHOULD', 'The request carries a non-empty token', r.request.message.token.length, expect.between(1, 8, 'bytes'), on(r));
  },
});
