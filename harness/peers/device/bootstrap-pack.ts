// How a device applies a Bootstrap-Pack (LwM2M 1.2 Bootstrap-Pack-Request): the 2.05 answer to
// GET /bspack?ep=… carries the whole configuration in SenML CBOR or SenML JSON. Each object the
// pack carries replaces the device's instances of it (the bootstrap account stays, as under a
// Bootstrap-Delete), and the result must hold a usable server account, as a Bootstrap-Finish
// requires.
import { contentFormat } from '../../lwm2m/formats/index.ts';
import type { LwM2mNode } from '../../lwm2m/node.ts';
import { parsePath } from '../../lwm2m/path.ts';
import { bootstrapAccount, consistencyProblem } from './accounts.ts';
import type { BootstrapHandler } from './bootstrap-handler.ts';
import type { ObjectStore } from './object-store.ts';
import { SENML_CBOR, SENML_JSON } from './representation.ts';

/** Formats a Bootstrap-Pack may come in. */
export const packFormats: ReadonlySet<number> = new Set([SENML_CBOR, SENML_JSON]);

/** Applies a pack; the reason when it cannot be used (the device then keeps asking). */
export function applyBootstrapPack(store: ObjectStore, handler: BootstrapHandler, payload: Buffer, format: number | undefined): string | undefined {
  if (format === undefined || !packFormats.has(format)) return `a Bootstrap-Pack in Content-Format ${format ?? '(none)'} is not supported`;
  const decoded = contentFormat(format)!.decode(payload, { path: '/', model: store.model });
  if (!decoded.ok) return `the Bootstrap-Pack does not decode: ${decoded.error.reason}`;
  const byObject = new Map<number, LwM2mNode[]>();
  for (const node of decoded.value) {
    const parsed = parsePath(node.path);
    if (!parsed.ok || parsed.value.length < 3) return `${node.path} in the Bootstrap-Pack is not a resource path`;
    const problem = store.typeProblem(node);
    if (problem) return problem;
    const o = parsed.value[0]!;
    byObject.set(o, [...(byObject.get(o) ?? []), node]);
  }
  const keep = bootstrapAccount(store)?.instance;
  for (const [o, nodes] of byObject) {
    for (const i of store.instanceIds(o)) if (!(o === 0 && i === keep)) store.deleteInstance(o, i);
    handler.apply(nodes, [o]);
  }
  return consistencyProblem(store);
}
