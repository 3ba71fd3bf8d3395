// Steps of the SenML cases (int-231/232 read, int-233/234 write, int-230/257 Write-Composite):
// encoding values in a SenML format, and the four reads of int-231/232 with their expected values.
import type { CaseContext } from '../../../harness/run/context.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import type { LwM2mNode } from '../../../harness/lwm2m/node.ts';
import { configuredNeeding, on, onAccount, pick } from '../dm-steps.ts';
import { each, readAll } from './read-steps.ts';

/** Values encoded in a format; `path` is the request's path (absent for a composite). */
export function encodeNodes(nodes: readonly LwM2mNode[], format: number, path?: string): Buffer {
  return Buffer.from(contentFormat(format)!.encode([...nodes], { model: coreModel(), ...(path ? { path } : {}) }));
}

/** Decoded values, or the reason they did not decode as an `error` entry (for merged comparisons). */
export function asRecord(values: Record<string, unknown> | string): Record<string, unknown> {
  return typeof values === 'string' ? { error: values } : values;
}

/** What each read of int-231/232 must show (C.1 values, the Server part at the device's account), by requested path. */
const expectedValuesOf = (ctx: CaseContext, held: Record<string, string>): Record<string, Record<string, unknown>> => {
  // Error Code and Supported Binding are read-only: the values the device holds in text/plain.
  const device = { '/3/0/11/0': Number(held['/3/0/11/0']), '/3/0/16': held['/3/0/16'] };
  return {
    '/1': onAccount(ctx, { '/1/0/0': ctx.device.serverAccount.ssid, '/1/0/1': 86400 }),
    '/3/0': device,
    '/3/0/16': { '/3/0/16': device['/3/0/16'] },
    '/3/0/11/0': { '/3/0/11/0': device['/3/0/11/0'] },
  };
};

/**
 * int-231/232: Read at object, instance, resource and resource-instance level with one SenML
 * Accept; A codes, B Content-Format, C values (the single-value reads hold exactly their path).
 */
export async function senmlReads(ctx: CaseContext, format: 110 | 112): Promise<void> {
  const { values: held } = await configuredNeeding(ctx, ['/1/0/1'], 'C.1');
  const expectedValues = expectedValuesOf(ctx, held);
  const paths = Object.keys(expectedValues);
  const reads = await readAll(ctx, paths, format);
  ctx.require('A', 'MUST', `Each read (${paths.join(', ')}) with Accept ${format} is answered 2.05 Content`, reads.codes, each(paths, '2.05'), on(reads.first));
  ctx.check('B', 'MUST', `Each answer has Content-Format ${format}`, reads.formats, each(paths, format), on(reads.first));
  const single = new Set(['/3/0/16', '/3/0/11/0']);
  const actual = Object.fromEntries(paths.map((p) => [p, single.has(p) ? reads.values[p] : pick(reads.values[p]!, Object.keys(expectedValues[p]!))]));
  ctx.check('C', 'MUST', 'Each answer decodes to the C.1 values, at the level read', actual, expectedValues, on(reads.first));
}

