import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, decoded, multiValueFormat, on, valuesOf } from '../dm-steps.ts';
import { encodeNodes } from './senml-steps.ts';

export default defineCase({
  id: 'LWM2MC-DM-010',
  title: 'A replacing write of a multiple resource removes the instances it does not name',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.12',
  requires: ['object:16'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.3 (Write: PUT replaces); PITFALLS IF-13',
  purpose: 'The server replaces Portfolio Identity /16/0/0 (four instances in C.12) with a single instance 0; the client must answer 2.04 and keep instance 0 only.',
  notes: 'The body uses a multi-value format the profile claims.',
  async run(ctx) {
    await configured(ctx, 'C.1', 'C.12');
    const format = ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format');
    const write = await ctx.server.writeBody(ctx.target.endpoint, '/16/0/0', encodeNodes([{ path: '/16/0/0/0', type: 'string', value: 'replaced' }], format, '/16/0/0'), format, 'PUT');
    ctx.require('A', 'MUST', 'PUT /16/0/0 with instance 0 only is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    const read = await ctx.server.read(ctx.target.endpoint, '/16/0/0', format);
    ctx.check('B', 'MUST', 'Reading /16/0/0 shows instance 0 only, with the new value', valuesOf(decoded(read, '/16/0/0')), { '/16/0/0/0': 'replaced' }, on(read));
  },
});
