import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, bootstrapAccountLinks, bootstrapRequested, codeOf, discoverRoot, registersAfter, writeServerAccount } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-4',
  title: 'Bootstrap Delete',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.1',
  config: 'C.13',
  requires: ['bootstrap:client-initiated'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-4; OMA-TS-LightweightM2M_Core §5.2.7.5',
  purpose:
    'After a bootstrap that wrote a server account, the bootstrap server deletes /0 and /1: the deletes must ' +
    'be answered 2.02, the server account and Server instance go, the bootstrap account stays; a fresh ' +
    'provisioning then finishes and the client registers.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const writes = await writeServerAccount(ctx);
    ctx.precondition(writes.every((w) => w.response?.code === '2.04'), `the server account could not be written (${writes.map(codeOf).join(', ')})`);
    const read = await ctx.bootstrap.read(ep, '/1');
    ctx.check('B', 'MUST', 'Bootstrap-Read of /1 is answered 2.05 Content', codeOf(read), '2.05', at(read));
    const delete0 = await ctx.bootstrap.delete(ep, '/0');
    ctx.check('C', 'MUST', 'Bootstrap-Delete of /0 is answered 2.02 Deleted', codeOf(delete0), '2.02', at(delete0));
    const delete1 = await ctx.bootstrap.delete(ep, '/1');
    ctx.check('D', 'MUST', 'Bootstrap-Delete of /1 is answered 2.02 Deleted', codeOf(delete1), '2.02', at(delete1));
    const { outcome, answer } = await discoverRoot(ctx);
    const links = ctx.precondition(answer, `Bootstrap-Discover after the deletes gave ${codeOf(outcome)}`);
    const paths = [...links.links.keys()];
    ctx.check('E', 'MUST', 'The bootstrap account is not affected by Delete /0', bootstrapAccountLinks(links).length > 0 ? bootstrapAccountLinks(links) : null, expect.present('a </0/x> link without ssid'), at(outcome));
    ctx.check('F', 'MUST', 'The Security instance of the server account is gone', paths.filter((p) => /^\/0\/\d+$/.test(p) && !bootstrapAccountLinks(links).includes(p)), [], at(outcome));
    ctx.check('G', 'MUST', 'No Server instance is left', paths.filter((p) => /^\/1\/\d+$/.test(p)), [], at(outcome));
    const since = ctx.server.position();
    const again = await writeServerAccount(ctx);
    ctx.precondition(again.every((w) => w.response?.code === '2.04'), `the server account could not be written again (${again.map(codeOf).join(', ')})`);
    const finish = await ctx.bootstrap.finish(ep);
    ctx.require('H', 'MUST', 'Bootstrap-Finish is answered 2.04 Changed', codeOf(finish), '2.04', at(finish));
    await registersAfter(ctx, 'I', since);
  },
});
