// Portfolio (/16) steps the object and reporting cases share (int-308, int-309, int-1630,
// int-1635): creating the second instance the ETS names, and which instances a payload holds.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome } from '../../../harness/run/case-server.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import { CF, multiValueFormat } from '../dm-steps.ts';

/** The ETS's second Portfolio instance (int-1630 "1630-set"): Identity 0 and 1. */
export const secondPortfolio = { '/16/1/0/0': 'Host Device ID #2', '/16/1/0/1': 'Host Device Model #2' } as const;

/** Creates /16/1 with the 1630-set, in TLV as the ETS does when the target claims it, else another multi-value format. */
export function createSecondPortfolio(ctx: CaseContext): Promise<Outcome> {
  const format = ctx.target.features.has('format:tlv') ? CF.tlv : ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format to create an instance in');
  const nodes = Object.entries(secondPortfolio).map(([path, value]) => ({ path, type: 'string' as const, value }));
  const body = Buffer.from(contentFormat(format)!.encode(nodes, { path: '/16', model: coreModel() }));
  return ctx.server.create(ctx.target.endpoint, '/16', body, format);
}

/** The Portfolio instances decoded values cover ('/16/0', '/16/1'…), sorted; a text when they did not decode. */
export function portfolioInstances(values: Record<string, unknown> | string): string[] | string {
  if (typeof values === 'string') return values;
  return [...new Set(Object.keys(values).filter((p) => p.startsWith('/16/')).map((p) => p.split('/').slice(0, 3).join('/')))].sort();
}
