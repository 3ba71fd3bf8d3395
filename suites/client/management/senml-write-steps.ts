// int-233/234: setting values in one SenML format. A partial update of the device's Server
// instance (the ETS's /1/0: Lifetime 61,
// Notification Storing true) with the Update it causes, a write of a Portfolio Identity
// instance, a write of the Lifetime alone; each read back in the same format.
import type { CaseContext } from '../../../harness/run/context.ts';
import { codeOf, configured, decoded, on, pick, valuesOf } from '../dm-steps.ts';
import { expectLifetimeUpdate } from './lifetime-steps.ts';
import { encodeNodes } from './senml-steps.ts';

export async function senmlWrites(ctx: CaseContext, format: 110 | 112): Promise<void> {
  await configured(ctx, 'C.1', 'C.12');
  const endpoint = ctx.target.endpoint;
  const account = ctx.device.serverAccount;
  const [lifetimePath, storingPath] = [account.resource(1), account.resource(6)];
  let since = ctx.server.position();
  const update = await ctx.server.writeBody(endpoint, account.path, encodeNodes([
    { path: lifetimePath, type: 'integer', value: 61 },
    { path: storingPath, type: 'boolean', value: true },
  ], format, account.path), format, 'POST');
  ctx.require('A', 'MUST', `The partial update of ${account.path} (Content-Format ${format}) is answered 2.04 Changed`, codeOf(update), '2.04', on(update));
  await expectLifetimeUpdate(ctx, 'B', since, 61);
  const read1 = await ctx.server.read(endpoint, '/1', format);
  ctx.check('C', 'MUST', 'Reading /1 shows Lifetime 61 and Notification Storing true', pick(valuesOf(decoded(read1, '/1')), [lifetimePath, storingPath]), { [lifetimePath]: 61, [storingPath]: true }, on(read1));
  const identity = await ctx.server.writeBody(endpoint, '/16/0/0/0', encodeNodes([{ path: '/16/0/0/0', type: 'string', value: 'test_value' }], format, '/16/0/0/0'), format);
  ctx.require('D', 'MUST', 'Writing /16/0/0/0 = "test_value" is answered 2.04 Changed', codeOf(identity), '2.04', on(identity));
  const read2 = await ctx.server.read(endpoint, '/16', format);
  ctx.check('E', 'MUST', 'Reading /16 shows /16/0/0/0 = "test_value"', pick(valuesOf(decoded(read2, '/16')), ['/16/0/0/0']), { '/16/0/0/0': 'test_value' }, on(read2));
  since = ctx.server.position();
  const lifetime = await ctx.server.writeBody(endpoint, lifetimePath, encodeNodes([{ path: lifetimePath, type: 'integer', value: 63 }], format, lifetimePath), format);
  ctx.require('F', 'MUST', `Writing ${lifetimePath} = 63 is answered 2.04 Changed`, codeOf(lifetime), '2.04', on(lifetime));
  await expectLifetimeUpdate(ctx, 'G', since, 63);
  const read3 = await ctx.server.read(endpoint, lifetimePath, format);
  ctx.check('H', 'MUST', `Reading ${lifetimePath} shows 63`, pick(valuesOf(decoded(read3, lifetimePath)), [lifetimePath]), { [lifetimePath]: 63 }, on(read3));
}
