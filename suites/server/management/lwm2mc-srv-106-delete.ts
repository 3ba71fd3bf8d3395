import { defineCase } from '../../../harness/run/case.ts';
import { driveAndCatch, on, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-106',
  title: 'Delete request from the server targets the instance',
  interface: 'management',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['driver:delete'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.7 (Delete: on an Object Instance); Transport §8.3 (DELETE on /o/i)',
  purpose: 'The server is made to delete /3303/1; its request must be a DELETE on exactly that instance, never on the whole object.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const r = await driveAndCatch(ctx, client, 'delete', { path: '/3303/1' });
    ctx.check('B', 'MUST', 'The request is a DELETE', r.request.method, 'DELETE', on(r));
    ctx.check('C', 'MUST', 'The request targets the instance /3303/1', r.request.path, '/3303/1', on(r));
  },
});
