import { defineCase } from '../../harness/run/case.ts';

export default defineCase({
  id: 'LWM2MC-BSS-002',
  title: 'A Bootstrap-Request from an unknown endpoint is refused',
  interface: 'bootstrap',
  tests: 'bootstrap-server',
  since: '1.0',
  // A bootstrap server configured for any endpoint (target.endpoint: "*") has no unknown endpoint to refuse.
  requires: ['named-endpoints'],
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.1 (Table: Bootstrap-Request 4.00)',
  purpose: 'A client whose endpoint name the target has no configuration for asks to be bootstrapped: the answer must be 4.00 Bad Request.',
  async run(ctx) {
    const name = `lwm2m-conformance-unknown-${process.pid}-${Math.round(performance.now())}`;
    const client = await ctx.clients.bootstrapClient({ name });
    const request = await client.request();
    ctx.check('A', 'MUST', 'The Bootstrap-Request is answered 4.00 Bad Request', request.response?.code ?? `no response (${request.error})`, '4.00');
  },
});
