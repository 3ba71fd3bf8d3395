import { expect } from '../../../harness/run/expectation.ts';
import { at, bootstrapAccountLinks, codeOf, discoverRoot, ownBootstrapCase, restore, writeServerAccount } from './steps.ts';

export default ownBootstrapCase({
  id: 'LWM2MC-BS-001',
  title: 'Bootstrap-Delete of / keeps the bootstrap account and /3/0',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.5; PITFALLS IF-06 (wakaama #445, leshan PR #821)',
  purpose: 'After a write of the server account, the bootstrap server deletes /: the bootstrap account and the Device instance /3/0 must remain.',
  async run(ctx, ep) {
    await writeServerAccount(ctx);
    const deleted = await ctx.bootstrap.delete(ep, '/');
    ctx.check('B', 'MUST', 'Bootstrap-Delete of / is answered 2.02 Deleted', codeOf(deleted), '2.02', at(deleted));
    const { outcome, answer } = await discoverRoot(ctx);
    const links = ctx.precondition(answer, `Bootstrap-Discover after Delete / gave ${codeOf(outcome)}`);
    ctx.check('C', 'MUST', 'The bootstrap account is still there', bootstrapAccountLinks(links).length > 0 ? bootstrapAccountLinks(links) : null, expect.present('a </0/x> link without ssid'), at(outcome));
    ctx.check('D', 'MUST', '/3/0 is still there', links.links.has('/3/0'), true, at(outcome));
    await restore(ctx);
  },
});
