import { at, codeOf, ownBootstrapCase, registersAfter, writeServerAccount } from './steps.ts';

export default ownBootstrapCase({
  id: 'LWM2MC-BS-005',
  title: 'The client registers with the configuration it was given',
  ref: 'OMA-TS-LightweightM2M_Core §6.1.3, §6.2.1; PITFALLS IF-07',
  purpose: 'The bootstrap server provisions a lifetime the client would not choose itself: the Register after Finish must go to the given server with that lifetime and binding.',
  async run(ctx, ep) {
    const lifetimeS = 3623;
    const since = ctx.server.position();
    const writes = await writeServerAccount(ctx, lifetimeS);
    const finish = await ctx.bootstrap.finish(ep);
    ctx.precondition([...writes, finish].every((o) => o.response?.code === '2.04'), `the bootstrap did not complete (${[...writes, finish].map(codeOf).join(', ')})`);
    const register = await registersAfter(ctx, 'B', since, 'The client registers to the server URI it was given');
    const params = register.params?.params ?? {};
    ctx.check('C', 'MUST', `The Register carries the lifetime written to /1/0/1 (lt=${lifetimeS})`, params.lt ?? null, String(lifetimeS), at(register));
    ctx.check('D', 'MUST', 'The Register carries the binding written to /1/0/7 (b=U)', params.b ?? 'U', 'U', at(register));
  },
});
