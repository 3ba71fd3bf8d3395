import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-006',
  title: 'A client whose source port changed registers again',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  ref: 'OMA-TS-LightweightM2M_Core §6.2.1; PITFALLS (NAT rebinding: a new address forces a new Register)',
  purpose:
    'A simulated client registers, then the same endpoint registers again from a new source port (as after a NAT ' +
    'rebinding); the server must accept it and keep serving the endpoint at its new address.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const moved = await ctx.clients.create({ name: client.name });
    ctx.note(`${client.name} moved from port ${client.local.port} to ${moved.local.port}`);
    const reg = await moved.register();
    ctx.require('A', 'MUST', 'The Register from the new port is answered 2.01 Created', codeOf(reg), '2.01', at(reg));
    const update = await moved.update(reg.response!.locationPath);
    ctx.check('B', 'MUST', 'Updates from the new port are accepted (2.04)', codeOf(update), '2.04', at(update));
  },
});
