import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { driveAndCatch, on, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-101',
  title: 'Read request from the server is well formed',
  interface: 'management',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['driver:read'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.1 (Read); Transport §8.3 (GET on /o/i/r); RFC 7252 §5.8.1',
  purpose: 'The server is made to read /3/0/0 of a registered simulated client; its request must be a confirmable GET on that path, asking (if at all) for a format the client registered.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const r = await driveAndCatch(ctx, client, 'read', { path: '/3/0/0' });
    ctx.check('B', 'MUST', 'The request is a GET', r.request.method, 'GET', on(r));
    ctx.check('C', 'MUST', 'The request targets /3/0/0', r.request.path, '/3/0/0', on(r));
    ctx.check('D', 'SHOULD', 'The request is confirmable', r.request.message.type, 'CON', on(r));
    ctx.check('E', 'MUST', 'Accept, if given, names a format the client supports (text/plain 0 or TLV 11542)', r.request.accept ?? 'absent', expect.oneOf('absent', 0, 11542), on(r));
  },
});
