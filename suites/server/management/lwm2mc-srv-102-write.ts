import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import { driveAndCatch, on, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-102',
  title: 'Write request from the server is well formed',
  interface: 'management',
  tests: 'server',
  since: '1.0',
  config: 'C.1',
  requires: ['driver:write'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.3 (Write); Transport §8.3; RFC 7252 §5.10.3 (Content-Format)',
  purpose:
    'The server is made to write 60 to Lifetime /1/0/1 of a registered simulated client; its request must be a PUT ' +
    '(or POST) on that path with a Content-Format, and the payload must decode to 60 in that format.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const r = await driveAndCatch(ctx, client, 'write', { path: '/1/0/1', value: '60' });
    ctx.check('B', 'MUST', 'The request is a PUT (replace) or POST (partial update)', r.request.method, expect.oneOf('PUT', 'POST'), on(r));
    ctx.check('C', 'MUST', 'The request targets /1/0/1', r.request.path, '/1/0/1', on(r));
    const cf = r.request.contentFormat;
    ctx.require('D', 'MUST', 'The request carries a Content-Format', cf ?? 'absent', expect.that('a Content-Format option', (v) => v !== 'absent'), on(r));
    const codec = contentFormat(cf!);
    ctx.require('E', 'MUST', 'The Content-Format is an LwM2M format', codec ? codec.name : `unknown (${cf})`, expect.that('a known LwM2M format', () => codec !== undefined), on(r));
    const decoded = codec!.decode(r.request.payload, { path: '/1/0/1', model: coreModel() });
    const value = decoded.ok ? decoded.value.find((n) => n.path === '/1/0/1')?.value : undefined;
    ctx.check(
      'F',
      'MUST',
      `The payload decodes (${codec!.name}) to Lifetime 60`,
      decoded.ok ? (value === undefined ? 'no /1/0/1 in the payload' : String(value)) : `undecodable: ${decoded.error.reason}`,
      '60',
      on(r),
    );
  },
});
