import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, bootstrapAccountLinks, bootstrapRequested, codeOf, discoverRoot, registersAfter, writeServerAccount } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-0',
  title: 'Client Initiated Bootstrap',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.0',
  config: 'C.13',
  requires: ['bootstrap:client-initiated'],
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-0; OMA-TS-LightweightM2M_Core §5.2.7, §6.1.3',
  purpose:
    'The client starts with only a bootstrap account and must ask the harness\'s bootstrap server for a ' +
    'configuration; the server writes /0 and /1, discovers / and finishes, and the client then registers.',
  notes:
    'The server account is NoSec on the harness\'s reference server (C.1 uses PSK; see int-1). The bootstrap ' +
    'server\'s own answers (2.04 to the request) are the harness\'s and not recorded as checks of the client.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    const request = await bootstrapRequested(ctx, 'A');
    ctx.check('B', 'MUST', 'The Bootstrap-Request carries the endpoint client name (ep)', request.endpoint ?? null, ep, at(request));
    const since = ctx.server.events.position();
    const [security, server] = await writeServerAccount(ctx);
    ctx.check('C', 'MUST', 'Bootstrap-Write of /0 is answered 2.04 Changed', codeOf(security), '2.04', at(security));
    ctx.check('D', 'MUST', 'Bootstrap-Write of /1 is answered 2.04 Changed', codeOf(server), '2.04', at(server));
    const { outcome, answer } = await discoverRoot(ctx);
    ctx.check('E', 'MUST', 'Bootstrap-Discover of / is answered 2.05 Content', codeOf(outcome), '2.05', at(outcome));
    if (answer) {
      ctx.check('F', 'MUST', `Bootstrap-Discover gives the enabler version lwm2m="${ctx.target.version}"`, answer.version ?? null, ctx.target.version, at(outcome));
      const security0 = answer.links.get('/0/0');
      ctx.check('G', 'MUST', 'Bootstrap-Discover lists the written server account </0/0> with ssid=1', security0 ?? null, expect.includes('ssid=1'), at(outcome));
      if (ctx.target.version !== '1.0') {
        const uri = security0?.find((p) => p.startsWith('uri='))?.slice(4).replace(/^"|"$/g, '') ?? null;
        ctx.check('H', 'MUST', 'Bootstrap-Discover gives the server URI of </0/0> (uri=, LwM2M 1.1+)', uri, ctx.server.uri, at(outcome));
      }
      ctx.check('I', 'MUST', 'Bootstrap-Discover lists the bootstrap account (a Security instance without ssid)', bootstrapAccountLinks(answer).length > 0 ? bootstrapAccountLinks(answer) : null, expect.present('a </0/x> link without ssid'), at(outcome));
      ctx.check('J', 'MUST', 'Bootstrap-Discover lists </1/0> with ssid=1', answer.links.get('/1/0') ?? null, expect.includes('ssid=1'), at(outcome));
      ctx.check('K', 'MUST', 'Bootstrap-Discover lists </3/0>', answer.links.has('/3/0'), true, at(outcome));
    }
    const finish = await ctx.bootstrap.finish(ep);
    ctx.require('L', 'MUST', 'Bootstrap-Finish is answered 2.04 Changed (no inconsistency)', codeOf(finish), '2.04', at(finish));
    await registersAfter(ctx, 'M', since);
  },
});
