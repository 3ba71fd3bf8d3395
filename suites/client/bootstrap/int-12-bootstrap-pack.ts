import { defineCase } from '../../../harness/run/case.ts';
import { at, registersAfter } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.2-int-12',
  title: 'Bootstrap via Bootstrap-Pack-Request',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.2',
  config: 'C.13',
  requires: ['bootstrap:bootstrap-pack'],
  reset: 'factory',
  // Asking for a Bootstrap-Pack after the factory reset is the criterion itself.
  judgesReset: true,
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-12; OMA-TS-LightweightM2M_Core §5.2.8',
  purpose: 'The client asks for its whole configuration with GET /bspack?ep=…; the bootstrap server answers 2.05 with /0 and /1, and the client registers.',
  notes: 'The ETS text expects 2.04 for the Pack-Request; the TS answers 2.05 Content (errata).',
  async run(ctx) {
    const since = ctx.server.position();
    const within = ctx.target.timing.registerWithinMs;
    const request = ctx.arrived('A', 'MUST', 'The client sends a Bootstrap-Pack-Request (GET /bspack?ep=…)', await ctx.bootstrap.waitFor('pack-request', { within }), within);
    ctx.check('B', 'MUST', 'The Bootstrap-Pack-Request carries the endpoint client name (ep)', request.endpoint ?? null, ctx.target.endpoint, at(request));
    await registersAfter(ctx, 'C', since);
  },
});
