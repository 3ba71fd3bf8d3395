// 1.2-int-12 from the bootstrap server's side: the harness's client asks for its whole
// configuration with a Bootstrap-Pack-Request and judges the answer.
import { defineCase } from '../../harness/run/case.ts';
import { expect } from '../../harness/run/expectation.ts';

/** SenML JSON and SenML CBOR: the formats a pack can carry instances of /0 and /1 in. */
const packFormats = [110, 112];

export const bootstrapPack = defineCase({
  id: 'LightweightM2M-1.2-int-12',
  title: 'Bootstrap via Bootstrap-Pack-Request',
  interface: 'bootstrap',
  tests: 'bootstrap-server',
  since: '1.2',
  config: 'C.13',
  requires: ['bootstrap:bootstrap-pack'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-12; OMA-TS-LightweightM2M_Core 1.2 §5.2.8 (Bootstrap-Pack-Request)',
  purpose:
    'A client with only a bootstrap account sends GET /bspack?ep=…; the bootstrap server must answer 2.05 Content ' +
    'with its configuration in one SenML payload, which must give a consistent server account the client can register with.',
  notes: 'The ETS text expects 2.04 for the Pack-Request; the TS defines 2.05 Content with the pack as payload (errata), which is what is checked.',
  async run(ctx) {
    const client = await ctx.clients.bootstrapClient();
    const pack = await client.packRequest();
    ctx.require('A', 'MUST', 'The Bootstrap-Pack-Request is answered 2.05 Content', pack.response?.code ?? `no response (${pack.error})`, '2.05');
    ctx.check('B', 'MUST', 'The pack is SenML JSON (110) or SenML CBOR (112)', pack.response!.contentFormat ?? 'no Content-Format', expect.oneOf(...packFormats));
    ctx.require('C', 'MUST', 'The pack decodes and leaves a consistent configuration: a Server instance with a matching Security instance', pack.problem ?? 'consistent', 'consistent');
    const register = await client.registerToProvisioned();
    ctx.check('D', 'MUST', 'The client can register with the server account the pack gave', register.response?.code ?? `no response (${register.error})`, '2.01');
    ctx.note(`the pack's server account points at ${register.uri ?? 'nothing'}`);
  },
});
