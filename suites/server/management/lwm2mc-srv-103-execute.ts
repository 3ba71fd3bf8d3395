import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { driveAndCatch, on, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-103',
  title: 'Execute request from the server is well formed',
  interface: 'management',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['driver:execute'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.5 (Execute); Transport §8.3 (POST on /o/i/r)',
  purpose: 'The server is made to execute Registration Update Trigger /1/0/8; its request must be a POST on that path with no body or a text/plain argument list.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const r = await driveAndCatch(ctx, client, 'execute', { path: '/1/0/8' });
    ctx.check('B', 'MUST', 'The request is a POST', r.request.method, 'POST', on(r));
    ctx.check('C', 'MUST', 'The request targets /1/0/8', r.request.path, '/1/0/8', on(r));
    ctx.check(
      'D',
      'MUST',
      'A body, if any, is text/plain (execute arguments)',
      r.request.payload.length === 0 ? 'no body' : `Content-Format ${r.request.contentFormat ?? 'absent'}`,
      expect.oneOf('no body', 'Content-Format 0'),
      on(r),
    );
  },
});
