import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, configured, decoded, on, pathsOf, pick, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from './composite-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-236',
  title: 'Read-Composite Operation – Partial Presence',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:read-composite'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.8 (Read-Composite is best effort); OMA-ETS-LightweightM2M_INT-V1_2 int-236',
  purpose:
    'The server sends FETCH with /1/0, /1/0/1, /3/0/11/0 and the absent /3339/0/5522 and /3353/0/6030; the client must answer 2.05 with the values it has ' +
    'and leave the absent paths out.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const format = senmlFormat(ctx);
    const account = ctx.device.serverAccount;
    const read = await ctx.server.readComposite(ctx.target.endpoint, [account.path, account.resource(1), '/3/0/11/0', '/3339/0/5522', '/3353/0/6030'], format);
    ctx.require('A', 'MUST', 'The FETCH is answered 2.05 Content despite the absent paths', codeOf(read), '2.05', on(read));
    const values = valuesOf(decoded(read));
    const present = { [account.resource(0)]: account.ssid, [account.resource(1)]: 86400, '/3/0/11/0': 0 };
    ctx.check('B', 'MUST', `It holds the values present: ${Object.entries(present).map(([p, v]) => `${p} = ${v}`).join(', ')}`, pick(values, Object.keys(present)), present, on(read));
    ctx.check('C', 'MUST', 'The absent paths are silently left out', pathsOf(values).filter((p) => p.startsWith('/3339/') || p.startsWith('/3353/')), [], on(read));
  },
});
