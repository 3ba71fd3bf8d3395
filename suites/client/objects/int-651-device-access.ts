import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { contentFormat } from '../../../harness/lwm2m/formats/index.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import type { LwM2mNode } from '../../../harness/lwm2m/node.ts';
import type { Outcome } from '../../../harness/run/case-server.ts';
import { CF, codeOf, configured, decoded, on, pick, valuesOf } from '../dm-steps.ts';

/** The ETS's 651-set in TLV, byte for byte: Current Time 1367491215, UTC Offset "+02:00", Timezone "Europe/Paris". */
const set651 = Buffer.from(`c40d5182428fc60e${Buffer.from('+02:00').toString('hex')}c80f0c${Buffer.from('Europe/Paris').toString('hex')}`, 'hex');
const paths = ['/3/0/13', '/3/0/14', '/3/0/15'];

/** Values as written, Current Time allowed to have run on by the seconds since the write (a real clock ticks). */
function matches(written: Record<string, unknown>, sinceS: number) {
  return expect.that(`${JSON.stringify(written)} (/3/0/13 up to ${Math.ceil(sinceS)} s later)`, (v) => {
    if (typeof v !== 'object' || v === null) return false;
    const r = v as Record<string, unknown>;
    const t = r['/3/0/13'];
    const t0 = written['/3/0/13'] as number;
    return typeof t === 'number' && t >= t0 && t <= t0 + Math.ceil(sinceS) && r['/3/0/14'] === written['/3/0/14'] && r['/3/0/15'] === written['/3/0/15'];
  });
}

export default defineCase({
  id: 'LightweightM2M-1.1-int-651',
  title: 'Device: Check Access to the Resources',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.6',
  requires: ['format:tlv'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-651; OMA-TS-LightweightM2M_Core §6.3.3 (Write: partial update and replace), Appendix E.4 (Device 13, 14, 15)',
  purpose:
    'The server updates /3/0 partially with the ETS TLV (Current Time, UTC Offset, Timezone), reads /3/0, replaces /3/0 with the values it saved first, ' +
    'and reads again; codes 2.04/2.05/2.04/2.05 and the values must match each time.',
  notes: 'Current Time is a clock: a read-back up to the seconds elapsed since the write (rounded up) later is accepted.',
  async run(ctx) {
    await configured(ctx, 'C.6');
    const before = await ctx.server.read(ctx.target.endpoint, '/3/0', CF.tlv);
    const saved = pick(valuesOf(decoded(before, '/3/0')), paths);
    ctx.precondition(typeof saved !== 'string' && paths.every((p) => saved[p] !== null), `reading /3/0 in TLV gave ${codeOf(before)} without /3/0/13-15: ${JSON.stringify(saved)}`);
    const t1 = performance.now();
    const update = await ctx.server.writeBody(ctx.target.endpoint, '/3/0', set651, CF.tlv, 'POST');
    ctx.require('A', 'MUST', 'The partial update (POST /3/0, TLV 651-set) is answered 2.04 Changed', codeOf(update), '2.04', on(update));
    const read1 = await ctx.server.read(ctx.target.endpoint, '/3/0', CF.tlv);
    ctx.check('B', 'MUST', 'Reading /3/0 (2.05) shows the 651-set', readBack(read1),
      matchesWithCode({ '/3/0/13': 1367491215, '/3/0/14': '+02:00', '/3/0/15': 'Europe/Paris' }, (performance.now() - t1) / 1000 + 1), on(read1));
    const nodes: LwM2mNode[] = [
      { path: '/3/0/13', type: 'time', value: (saved as Record<string, unknown>)['/3/0/13'] as number },
      { path: '/3/0/14', type: 'string', value: String((saved as Record<string, unknown>)['/3/0/14']) },
      { path: '/3/0/15', type: 'string', value: String((saved as Record<string, unknown>)['/3/0/15']) },
    ];
    const t2 = performance.now();
    const replace = await ctx.server.writeBody(ctx.target.endpoint, '/3/0', Buffer.from(contentFormat(CF.tlv)!.encode(nodes, { path: '/3/0', model: coreModel() })), CF.tlv, 'PUT');
    ctx.require('C', 'MUST', 'The replace (PUT /3/0, TLV of the saved values) is answered 2.04 Changed', codeOf(replace), '2.04', on(replace));
    const read2 = await ctx.server.read(ctx.target.endpoint, '/3/0', CF.tlv);
    ctx.check('D', 'MUST', 'Reading /3/0 (2.05) shows the saved values again', readBack(read2),
      matchesWithCode(saved as Record<string, unknown>, (performance.now() - t2) / 1000 + 1), on(read2));
  },
});

/** A read's code with the three values (or why they did not decode). */
function readBack(read: Outcome): Record<string, unknown> {
  const values = pick(valuesOf(decoded(read, '/3/0')), paths);
  return typeof values === 'string' ? { code: codeOf(read), error: values } : { code: codeOf(read), ...values };
}

function matchesWithCode(written: Record<string, unknown>, sinceS: number) {
  const values = matches(written, sinceS);
  return expect.that(`code 2.05 and ${values.describe}`, (v) => typeof v === 'object' && v !== null && (v as { code?: unknown }).code === '2.05' && values.test(v));
}
