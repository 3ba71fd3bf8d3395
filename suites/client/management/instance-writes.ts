// The write-then-read-back sequence of int-215 and int-220 (and int-651): a partial update of an
// instance, a read, a replace with the saved writable values, and a read again.
import type { CaseContext } from '../../../harness/run/context.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import type { LwM2mNode } from '../../../harness/lwm2m/node.ts';
import { codeOf, decoded, on, pick, valuesOf } from '../dm-steps.ts';

export async function partialThenReplace(
  ctx: CaseContext,
  options: { instance: string; body: Buffer; nodes: readonly LwM2mNode[]; format: number; expected: Record<string, unknown> },
): Promise<void> {
  const { instance, format } = options;
  const paths = Object.keys(options.expected);
  const saved = await ctx.server.read(ctx.target.endpoint, instance, format);
  const before = decoded(saved, instance);
  const savedNodes = ctx.precondition('nodes' in before ? before.nodes : undefined, `reading ${instance} before the writes gave ${codeOf(saved)}`);
  const w1 = await ctx.server.writeBody(ctx.target.endpoint, instance, options.body, format, 'POST');
  ctx.require('A', 'MUST', `Partial update (POST ${instance}) is answered 2.04 Changed`, codeOf(w1), '2.04', on(w1));
  const r1 = await ctx.server.read(ctx.target.endpoint, instance, format);
  ctx.check('B', 'MUST', `Reading ${instance} shows the written values`, pick(valuesOf(decoded(r1, instance)), paths), options.expected, on(r1));
  // The replace writes back the saved writable resources only: a replace with read-only
  // resources in it would be refused (int-256), and one without Lifetime is the disputed ETS text.
  const model = coreModel();
  const writable = savedNodes.filter((n) => {
    const ids = n.path.split('/').filter(Boolean).map(Number);
    return model.resource(ids[0]!, ids[2]!)?.operations.includes('W');
  });
  const body = Buffer.from(contentFormat(format)!.encode(writable, { path: instance, model }));
  const w2 = await ctx.server.writeBody(ctx.target.endpoint, instance, body, format, 'PUT');
  ctx.check('C', 'MUST', `Replace (PUT ${instance}) with the saved values is answered 2.04 Changed`, codeOf(w2), '2.04', on(w2));
  const r2 = await ctx.server.read(ctx.target.endpoint, instance, format);
  ctx.check('D', 'MUST', `Reading ${instance} shows the saved values again`, pick(valuesOf(decoded(r2, instance)), paths), pick(valuesOf(before), paths), on(r2));
}
