import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { LwM2mNode } from '../../../harness/lwm2m/node.ts';
import { configured, codeOf, on, pick } from '../dm-steps.ts';
import { senmlFormat } from './composite-steps.ts';
import { each, readAll } from './read-steps.ts';
import { asRecord, encodeNodes } from './senml-steps.ts';

/** What the iPATCH writes: two resources of the device's server account and Current Time. */
const nodesAt = (server: string): LwM2mNode[] => [
  { path: `${server}/2`, type: 'integer', value: 101 },
  { path: `${server}/6`, type: 'boolean', value: true },
  { path: '/3/0/13', type: 'time', value: 0 },
];

export default defineCase({
  id: 'LightweightM2M-1.1-int-257',
  title: 'Write-Composite Operation on Server and Device objects',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.6',
  requires: ['operation:write-composite'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-257; OMA-TS-LightweightM2M_Core §6.3.9 (Write-Composite)',
  purpose:
    'The server reads /1 and /3, writes Default Minimum Period /1/0/2 = 101, Notification Storing /1/0/6 = true and Current Time /3/0/13 = 0 in one iPATCH, ' +
    'and reads again; codes 2.05/2.04/2.05 and the new values must show.',
  notes:
    'The body is built by the harness in the SenML format the profile claims, with the ETS values; the ETS\'s printed bytes are not reused. ' +
    'Current Time is a clock: a read-back up to the seconds elapsed since the write (rounded up) is accepted.',
  async run(ctx) {
    await configured(ctx, 'C.6');
    const format = senmlFormat(ctx);
    const paths = ['/1', '/3'];
    const before = await readAll(ctx, paths, format);
    ctx.require('A', 'MUST', 'Reads of /1 and /3 are answered 2.05 Content', before.codes, each(paths, '2.05'), on(before.first));
    const [minPeriod, storing] = [ctx.device.serverAccount.resource(2), ctx.device.serverAccount.resource(6)];
    const nodes = nodesAt(ctx.device.serverAccount.path);
    const t0 = performance.now();
    const write = await ctx.server.writeComposite(ctx.target.endpoint, encodeNodes(nodes, format), format);
    ctx.require('B', 'MUST', 'The iPATCH is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    const after = await readAll(ctx, paths, format);
    ctx.check('C', 'MUST', 'Reads of /1 and /3 are answered 2.05 Content again', after.codes, each(paths, '2.05'), on(after.first));
    const elapsedS = Math.ceil((performance.now() - t0) / 1000);
    const actual = { ...asRecord(pick(after.values['/1']!, [minPeriod, storing])), ...asRecord(pick(after.values['/3']!, ['/3/0/13'])) };
    ctx.check('D', 'MUST', `They show ${minPeriod} = 101, ${storing} = true and /3/0/13 = 0`, actual,
      expect.that(`{"${minPeriod}":101,"${storing}":true,"/3/0/13":0 to ${elapsedS}}`, (v) => {
        const r = v as Record<string, unknown>;
        return r[minPeriod] === 101 && r[storing] === true && typeof r['/3/0/13'] === 'number' && r['/3/0/13'] >= 0 && r['/3/0/13'] <= elapsedS;
      }), on(after.first));
  },
});

