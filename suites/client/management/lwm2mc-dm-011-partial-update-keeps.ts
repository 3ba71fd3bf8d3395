import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configuredNeeding, decoded, multiValueFormat, on, pick, valuesOf } from '../dm-steps.ts';
import { encodeNodes } from './senml-steps.ts';

export default defineCase({
  id: 'LWM2MC-DM-011',
  title: 'A partial update keeps the resources it does not name',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.3',
  ref: 'OMA-TS-LightweightM2M_Core §6.3.3 (Write: POST on an instance updates partially); PITFALLS IF-13',
  purpose:
    'The server updates /1/0 partially with Default Minimum Period /1/0/2 = 5 only; the client must answer 2.04, and Default Maximum Period /1/0/3 and ' +
    'Disable Timeout /1/0/5 (optional, C.3) must keep their values.',
  notes: 'The body uses a multi-value format the profile claims.',
  async run(ctx) {
    await configuredNeeding(ctx, ['/1/0/3', '/1/0/5'], 'C.3');
    const format = ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format');
    const { path: server, resource } = ctx.device.serverAccount;
    const write = await ctx.server.writeBody(ctx.target.endpoint, server, encodeNodes([{ path: resource(2), type: 'integer', value: 5 }], format, server), format, 'POST');
    ctx.require('A', 'MUST', `POST ${server} with ${resource(2)} only is answered 2.04 Changed`, codeOf(write), '2.04', on(write));
    const read = await ctx.server.read(ctx.target.endpoint, server, format);
    const expected = { [resource(2)]: 5, [resource(3)]: 10, [resource(5)]: 86400 };
    ctx.check('B', 'MUST', `Reading ${server} shows ${resource(2)} = 5 and the untouched ${resource(3)} = 10, ${resource(5)} = 86400`, pick(valuesOf(decoded(read, server)), Object.keys(expected)), expected, on(read));
  },
});
