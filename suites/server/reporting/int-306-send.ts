import { defineCase } from '../../../harness/run/case.ts';
import { senmlCborCodec } from '../../../harness/lwm2m/formats/senml-cbor.ts';
import { at, codeOf } from '../registration/steps.ts';
import { registeredClient } from '../management/steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-306',
  title: 'Send Operation',
  interface: 'reporting',
  tests: 'server',
  since: '1.1',
  config: 'C.4',
  requires: ['operation:send'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-306; OMA-TS-LightweightM2M_Core §6.4.4 (Send); Transport §8.4 (POST /dp)',
  purpose: 'A registered simulated client sends /3/0/0 and /3/0/9 in SenML CBOR to /dp; the server must accept it with 2.04 Changed.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const payload = Buffer.from(
      senmlCborCodec.encode([
        { path: '/3/0/0', type: 'string', value: 'lwm2m-conformance' },
        { path: '/3/0/9', type: 'integer', value: 87 },
      ]),
    );
    const sent = await client.send({ method: 'POST', path: '/dp', payload, contentFormat: 112 });
    ctx.check('A', 'MUST', 'Send (POST /dp) is answered 2.04 Changed', codeOf(sent), '2.04', at(sent));
  },
});
