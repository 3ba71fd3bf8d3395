import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { objectPaths } from '../../../harness/run/case-server.ts';
import { multiServerConfigured } from './multi-server-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-950',
  title: 'Multi-Servers Registration',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.14',
  requires: ['operation:multi-server', 'bootstrap:client-initiated'],
  reset: 'factory',
  provisions: true,
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-950; OMA-TS-LightweightM2M_Core §6.2.1 (Register with every server account), §6.1 (Bootstrap)',
  purpose:
    'From its factory configuration the device bootstraps; the harness\'s bootstrap server gives it two server accounts (ETS C.14: SSID 1 on the reference server, ' +
    'SSID 2 on a second one). It must register to each (2.01), with the same endpoint name and an object list naming both Server instances.',
  notes:
    'C.14 is provisioned by the harness\'s bootstrap server (the device needs client-initiated bootstrap and a factory-reset driver); both servers listen on the loopback. ' +
    'The Access Control instance the ETS writes to /2/0 goes to /2/0 here too (the ETS erratum writes every ACL entry there); a device that refuses it is noted, not judged.',
  async run(ctx) {
    const { registers } = await multiServerConfigured(ctx);
    for (const [id, register, n] of [['E', registers[0], 1], ['F', registers[1], 2]] as const) {
      const servers = objectPaths(register.objectList?.links ?? []).filter((p) => /^\/1\/\d+$/.test(p));
      ctx.check(id, 'MUST', `The Register to server #${n} lists both Server object instances (/1/0 and /1/1)`, servers,
        expect.that('two /1/x instances', (v) => Array.isArray(v) && v.length >= 2), register.seq !== undefined ? { at: register.seq } : {});
    }
  },
});
