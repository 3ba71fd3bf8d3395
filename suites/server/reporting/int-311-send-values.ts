import { defineCase } from '../../../harness/run/case.ts';
import { senmlCborCodec } from '../../../harness/lwm2m/formats/senml-cbor.ts';
import { at, codeOf } from '../registration/steps.ts';
import { registeredClient } from '../management/steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-311',
  title: 'Send command',
  interface: 'reporting',
  tests: 'server',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:send'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-311; OMA-TS-LightweightM2M_Core §6.4.4 (Send); Transport §8.4 (POST /dp)',
  purpose: 'A registered simulated client sends Lifetime /1/0/1 = 86400 and Error Code /3/0/11/0 = 0 in SenML CBOR to /dp; the server must accept them with 2.04 Changed.',
  notes:
    'The ETS also has the operator see the values the server received; no profile driver reads a server\'s received ' +
    'data yet, so only the answer on the wire is judged.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const payload = Buffer.from(
      senmlCborCodec.encode([
        { path: '/1/0/1', type: 'unsigned', value: 86400 },
        { path: '/3/0/11/0', type: 'integer', value: 0 },
      ]),
    );
    const sent = await client.send({ method: 'POST', path: '/dp', payload, contentFormat: 112 });
    ctx.check('A', 'MUST', 'Send (POST /dp) with the C.1 values is answered 2.04 Changed', codeOf(sent), '2.04', at(sent));
  },
});
