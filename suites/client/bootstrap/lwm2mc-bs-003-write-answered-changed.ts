import { at, codeOf, ownBootstrapCase, serverAccountInstances } from './steps.ts';

export default ownBootstrapCase({
  id: 'LWM2MC-BS-003',
  title: 'Bootstrap-Write is answered 2.04 Changed',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.3; PITFALLS IF-07 (leshan #156)',
  purpose: 'Bootstrap-Writes of an object, an instance and a resource (creating what does not exist) must each be answered 2.04, never 2.01.',
  async run(ctx, ep) {
    const { security, server } = await serverAccountInstances(ctx);
    const instance = `/1/${server[0]!.instance}`;
    const object = await ctx.bootstrap.write(ep, '/0', security);
    ctx.check('B', 'MUST', 'Bootstrap-Write of the object /0 is answered 2.04 Changed', codeOf(object), '2.04', at(object));
    const instanceWrite = await ctx.bootstrap.write(ep, instance, server);
    ctx.check('C', 'MUST', `Bootstrap-Write of the new instance ${instance} is answered 2.04 Changed`, codeOf(instanceWrite), '2.04', at(instanceWrite));
    const resource = await ctx.bootstrap.writeText(ep, `${instance}/1`, '86400');
    ctx.check('D', 'MUST', `Bootstrap-Write of the resource ${instance}/1 is answered 2.04 Changed`, codeOf(resource), '2.04', at(resource));
    const finish = await ctx.bootstrap.finish(ep);
    ctx.note(`Finish ${codeOf(finish)}`);
  },
});
