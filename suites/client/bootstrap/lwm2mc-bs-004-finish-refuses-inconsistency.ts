import { at, codeOf, ownBootstrapCase, restore, serverAccountInstances } from './steps.ts';

export default ownBootstrapCase({
  id: 'LWM2MC-BS-004',
  title: 'Bootstrap-Finish refuses a Server instance without its Security instance',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7.6; PITFALLS IF-07 (OMA #523)',
  purpose: 'The bootstrap server writes a Security instance for SSID 1 and a Server instance for SSID 2: Finish must be answered 4.06 Not Acceptable.',
  async run(ctx, ep) {
    const { security, server } = await serverAccountInstances(ctx);
    const writes = [await ctx.bootstrap.write(ep, '/0', security), await ctx.bootstrap.write(ep, '/1', server.map((i) => ({ ...i, values: { ...i.values, 0: 2 } })))];
    ctx.precondition(writes.every((w) => w.response?.code.startsWith('2.')), `the writes were refused (${writes.map(codeOf).join(', ')})`);
    const finish = await ctx.bootstrap.finish(ep);
    ctx.check('B', 'MUST', 'Bootstrap-Finish is answered 4.06 Not Acceptable', codeOf(finish), '4.06', at(finish));
    if (finish.response?.code !== '2.04') await restore(ctx);
  },
});
