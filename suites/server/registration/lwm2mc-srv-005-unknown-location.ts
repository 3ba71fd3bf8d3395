import { defineCase } from '../../../harness/run/case.ts';
import { at, codeOf, registeredClient } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-005',
  title: 'Update and De-register on an unknown location get 4.04',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  ref: 'OMA-TS-LightweightM2M_Transport §8.2.2, §8.2.3 (4.04 Not Found)',
  purpose: 'A simulated client sends an Update and a De-register to a location the server never gave out; both must get 4.04 Not Found.',
  async run(ctx) {
    const { client, location } = await registeredClient(ctx);
    // A sibling of a real location: same prefix, a name the server did not hand out.
    const unknown = `${location.replace(/[^/]*$/, '')}lwm2m-conformance-unknown`;
    const update = await client.update(unknown);
    ctx.check('A', 'MUST', 'Update on an unknown location is answered 4.04 Not Found', codeOf(update), '4.04', at(update));
    const dereg = await client.deregister(unknown);
    ctx.check('B', 'MUST', 'De-register on an unknown location is answered 4.04 Not Found', codeOf(dereg), '4.04', at(dereg));
    const real = await client.update(location);
    ctx.check('C', 'MUST', 'The real registration is untouched (Update → 2.04)', codeOf(real), '2.04', at(real));
  },
});
