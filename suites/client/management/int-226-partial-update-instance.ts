import { defineCase } from '../../../harness/run/case.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import { codeOf, configured, decoded, multiValueFormat, on, pick, valuesOf } from '../dm-steps.ts';
import { expectLifetimeUpdate } from './lifetime-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-226',
  title: 'Write (Partial Update) on Object Instance',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-226; OMA-TS-LightweightM2M_Core §6.3.3 (partial update), §6.2.2 (Update on a lifetime change)',
  purpose: 'The server updates /1/0 partially in one message (Lifetime 61, Notification Storing true); the client must answer 2.04, send an Update with lt=61, and read back the values.',
  notes: 'The body uses a multi-value format the profile claims.',
  async run(ctx) {
    await configured(ctx, 'C.1');
    const format = ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format');
    const account = ctx.device.serverAccount;
    const nodes = [{ path: account.resource(1), type: 'integer' as const, value: 61 }, { path: account.resource(6), type: 'boolean' as const, value: true }];
    const body = Buffer.from(contentFormat(format)!.encode(nodes, { path: account.path, model: coreModel() }));
    const since = ctx.server.position();
    const write = await ctx.server.writeBody(ctx.target.endpoint, account.path, body, format, 'POST');
    ctx.require('A', 'MUST', 'The partial update is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    await expectLifetimeUpdate(ctx, 'B', since, 61);
    const read = await ctx.server.read(ctx.target.endpoint, account.path, format);
    ctx.check('C', 'MUST', `Reading ${account.path} shows Lifetime 61 and Notification Storing true`, pick(valuesOf(decoded(read, account.path)), nodes.map((n) => n.path)), Object.fromEntries(nodes.map((n) => [n.path, n.value])), on(read));
  },
});
