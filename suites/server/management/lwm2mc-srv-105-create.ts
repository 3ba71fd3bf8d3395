import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import { driveAndCatch, on, registeredClient } from './steps.ts';

/** Temperature (/3303) instance 1 with Sensor Value (5700) = 21.5; the driver renders it in its payloadFormat (TLV by default). */
const instance = { path: '/3303', nodes: [{ path: '/3303/1/5700', type: 'float', value: 21.5 }] } as const;

export default defineCase({
  id: 'LWM2MC-SRV-105',
  title: 'Create request from the server is well formed',
  interface: 'management',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['driver:create'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.6 (Create); Transport §8.3 (POST on /o with the new instance)',
  purpose: 'The server is made to create a Temperature instance; its request must be a POST on the object /3303 with a Content-Format, and the body must decode in that format.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const r = await driveAndCatch(ctx, client, 'create', { path: '/3303', payload: instance });
    ctx.check('B', 'MUST', 'The request is a POST', r.request.method, 'POST', on(r));
    ctx.check('C', 'MUST', 'The request targets the object /3303', r.request.path, '/3303', on(r));
    const cf = r.request.contentFormat;
    ctx.require('D', 'MUST', 'The request carries a Content-Format', cf ?? 'absent', expect.that('a Content-Format option', (v) => v !== 'absent'), on(r));
    const codec = contentFormat(cf!);
    const decoded = codec?.decode(r.request.payload, { path: '/3303', model: coreModel() });
    ctx.check('E', 'MUST', 'The body decodes in its Content-Format', decoded === undefined ? `unknown format ${cf}` : decoded.ok ? 'decodes' : decoded.error.reason, 'decodes', on(r));
  },
});
