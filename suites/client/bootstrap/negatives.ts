// Our own bootstrap cases (LWM2MC-BS-nnn): the client-side interop failures of
// PITFALLS IF-06 (scope of Bootstrap-Delete) and IF-07 (write/finish response codes, consistency).
import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, bootstrapAccountLinks, bootstrapRequested, codeOf, discoverRoot, registersAfter, restore, serverAccountInstances, writeServerAccount } from './steps.ts';

const common = { interface: 'bootstrap', tests: 'client', since: '1.0', config: 'C.13', requires: ['bootstrap:client-initiated'], reset: 'factory' } as const;

export const deleteKeepsBootstrapAccount = defineCase({
  ...common,
  id: 'LWM2MC-BS-001',
  title: 'Bootstrap-Delete of / keeps the bootstrap account and /3/0',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.5; PITFALLS IF-06 (wakaama #445, leshan PR #821)',
  purpose: 'After a write of the server account, the bootstrap server deletes /: the bootstrap account and the Device instance /3/0 must remain.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
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

export const bootstrapAccountUndeletable = defineCase({
  ...common,
  id: 'LWM2MC-BS-002',
  title: 'Deleting the bootstrap account is refused',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.5; PITFALLS IF-06',
  purpose: 'The bootstrap server deletes the bootstrap account\'s own Security instance: the client must answer 4.00 and keep it.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const before = await discoverRoot(ctx);
    const account = ctx.precondition(before.answer && bootstrapAccountLinks(before.answer)[0], `Bootstrap-Discover did not show the bootstrap account (${codeOf(before.outcome)})`);
    const deleted = await ctx.bootstrap.delete(ep, account);
    ctx.check('B', 'MUST', `Bootstrap-Delete of the bootstrap account ${account} is answered 4.00 Bad Request`, codeOf(deleted), '4.00', at(deleted));
    const after = await discoverRoot(ctx);
    ctx.check('C', 'MUST', 'The bootstrap account is still there', after.answer?.links.has(account) ?? null, true, at(after.outcome));
    await restore(ctx);
  },
});

export const writeAnsweredChanged = defineCase({
  ...common,
  id: 'LWM2MC-BS-003',
  title: 'Bootstrap-Write is answered 2.04 Changed',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.3; PITFALLS IF-07 (leshan #156)',
  purpose: 'Bootstrap-Writes of an object, an instance and a resource (creating what does not exist) must each be answered 2.04, never 2.01.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const { security, server } = serverAccountInstances(ctx);
    const object = await ctx.bootstrap.write(ep, '/0', security);
    ctx.check('B', 'MUST', 'Bootstrap-Write of the object /0 is answered 2.04 Changed', codeOf(object), '2.04', at(object));
    const instance = await ctx.bootstrap.write(ep, '/1/0', server);
    ctx.check('C', 'MUST', 'Bootstrap-Write of the new instance /1/0 is answered 2.04 Changed', codeOf(instance), '2.04', at(instance));
    const resource = await ctx.bootstrap.writeText(ep, '/1/0/1', '86400');
    ctx.check('D', 'MUST', 'Bootstrap-Write of the resource /1/0/1 is answered 2.04 Changed', codeOf(resource), '2.04', at(resource));
    const finish = await ctx.bootstrap.finish(ep);
    ctx.note(`Finish ${codeOf(finish)}`);
  },
});

export const finishRefusesInconsistency = defineCase({
  ...common,
  id: 'LWM2MC-BS-004',
  title: 'Bootstrap-Finish refuses a Server instance without its Security instance',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.6; PITFALLS IF-07 (OMA #523)',
  purpose: 'The bootstrap server writes a Security instance for SSID 1 and a Server instance for SSID 2: Finish must be answered 4.06 Not Acceptable.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    await bootstrapRequested(ctx, 'A');
    const { security, server } = serverAccountInstances(ctx);
    const writes = [await ctx.bootstrap.write(ep, '/0', security), await ctx.bootstrap.write(ep, '/1', server.map((i) => ({ ...i, values: { ...i.values, 0: 2 } })))];
    ctx.precondition(writes.every((w) => w.response?.code.startsWith('2.')), `the writes were refused (${writes.map(codeOf).join(', ')})`);
    const finish = await ctx.bootstrap.finish(ep);
    ctx.check('B', 'MUST', 'Bootstrap-Finish is answered 4.06 Not Acceptable', codeOf(finish), '4.06', at(finish));
    if (finish.response?.code !== '2.04') await restore(ctx);
  },
});

export const registersWithWhatItWasGiven = defineCase({
  ...common,
  id: 'LWM2MC-BS-005',
  title: 'The client registers with the configuration it was given',
  ref: 'OMA-TS-LightweightM2M_Core §6.1.3, §6.2.1; PITFALLS IF-07',
  purpose: 'The bootstrap server provisions a lifetime the client would not choose itself: the Register after Finish must go to the given server with that lifetime and binding.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    const lifetimeS = 3623;
    await bootstrapRequested(ctx, 'A');
    const since = ctx.server.events.position();
    const writes = await writeServerAccount(ctx, lifetimeS);
    const finish = await ctx.bootstrap.finish(ep);
    ctx.precondition([...writes, finish].every((o) => o.response?.code === '2.04'), `the bootstrap did not complete (${[...writes, finish].map(codeOf).join(', ')})`);
    const register = await registersAfter(ctx, 'B', since, 'The client registers to the server URI it was given');
    const params = register.params?.params ?? {};
    ctx.check('C', 'MUST', `The Register carries the lifetime written to /1/0/1 (lt=${lifetimeS})`, params.lt ?? null, String(lifetimeS), at(register));
    ctx.check('D', 'MUST', 'The Register carries the binding written to /1/0/7 (b=U)', params.b ?? 'U', 'U', at(register));
  },
});

export const bootstrapNegatives = [deleteKeepsBootstrapAccount, bootstrapAccountUndeletable, writeAnsweredChanged, finishRefusesInconsistency, registersWithWhatItWasGiven];
