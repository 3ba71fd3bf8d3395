import { defineCase } from '../../../harness/run/case.ts';
import { driveAndCatch, on, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-104',
  title: 'Discover request from the server is well formed',
  interface: 'management',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['driver:discover'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.2 (Discover); Transport §8.3 (GET with Accept: application/link-format)',
  purpose: 'The server is made to discover /3/0; its request must be a GET on that path with Accept 40 (application/link-format), which is what tells it apart from a Read.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const r = await driveAndCatch(ctx, client, 'discover', { path: '/3/0' });
    ctx.check('B', 'MUST', 'The request is a GET', r.request.method, 'GET', on(r));
    ctx.check('C', 'MUST', 'The request targets /3/0', r.request.path, '/3/0', on(r));
    ctx.check('D', 'MUST', 'The request carries Accept 40 (application/link-format)', r.request.accept ?? 'absent', 40, on(r));
  },
});
