import { at, bootstrapAccountLinks, codeOf, discoverRoot, ownBootstrapCase, restore } from './steps.ts';

export default ownBootstrapCase({
  id: 'LWM2MC-BS-002',
  title: 'Deleting the bootstrap account is refused',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.5; PITFALLS IF-06',
  purpose: 'The bootstrap server deletes the bootstrap account\'s own Security instance: the client must answer 4.00 and keep it.',
  async run(ctx, ep) {
    const before = await discoverRoot(ctx);
    const account = ctx.precondition(before.answer && bootstrapAccountLinks(before.answer)[0], `Bootstrap-Discover did not show the bootstrap account (${codeOf(before.outcome)})`);
    const deleted = await ctx.bootstrap.delete(ep, account);
    ctx.check('B', 'MUST', `Bootstrap-Delete of the bootstrap account ${account} is answered 4.00 Bad Request`, codeOf(deleted), '4.00', at(deleted));
    const after = await discoverRoot(ctx);
    ctx.check('C', 'MUST', 'The bootstrap account is still there', after.answer?.links.has(account) ?? null, true, at(after.outcome));
    await restore(ctx);
  },
});
