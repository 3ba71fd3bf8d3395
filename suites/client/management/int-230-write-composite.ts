import { defineCase } from '../../../harness/run/case.ts';
import type { LwM2mNode } from '../../../harness/lwm2m/node.ts';
import { codeOf, configured, decoded, on, pick, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from './composite-steps.ts';
import { expectLifetimeUpdate } from './lifetime-steps.ts';
import { asRecord, encodeNodes } from './senml-steps.ts';

const identities = ['aa', 'bb', 'cc', 'dd'];
/** What the iPATCH writes: Lifetime and Notification Storing of the device's server account, and the identities. */
const nodesAt = (server: string): LwM2mNode[] => [
  { path: `${server}/1`, type: 'integer', value: 61 },
  { path: `${server}/6`, type: 'boolean', value: true },
  ...identities.map((value, k): LwM2mNode => ({ path: `/16/0/0/${k}`, type: 'string', value })),
];

export default defineCase({
  id: 'LightweightM2M-1.1-int-230',
  title: 'Write-Composite Operation',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.12',
  requires: ['operation:write-composite', 'object:16'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-230; OMA-TS-LightweightM2M_Core §6.3.9 (Write-Composite), §6.2.2 (Update on a lifetime change)',
  purpose:
    'In one iPATCH the server writes Lifetime 61, Notification Storing true and the four Portfolio identities "aa".."dd"; the client must answer 2.04, ' +
    'send an Update with lt=61, and read back the values.',
  notes: 'The ETS marks Write-Composite as not mandatory: a target that does not claim it gets not-applicable. C.1 plus the Portfolio instance of C.12.',
  async run(ctx) {
    await configured(ctx, 'C.1', 'C.12');
    const format = senmlFormat(ctx);
    const account = ctx.device.serverAccount;
    const nodes = nodesAt(account.path);
    const since = ctx.server.position();
    const write = await ctx.server.writeComposite(ctx.target.endpoint, encodeNodes(nodes, format), format);
    ctx.require('A', 'MUST', 'The iPATCH is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    await expectLifetimeUpdate(ctx, 'B', since, 61);
    const server = await ctx.server.read(ctx.target.endpoint, account.path, format);
    const portfolio = await ctx.server.read(ctx.target.endpoint, '/16/0', format);
    const actual = { ...asRecord(pick(valuesOf(decoded(server, account.path)), nodes.slice(0, 2).map((n) => n.path))), ...asRecord(pick(valuesOf(decoded(portfolio, '/16/0')), nodes.slice(2).map((n) => n.path))) };
    ctx.check('C', 'MUST', `Reading ${account.path} and /16/0 shows every value written`, actual, Object.fromEntries(nodes.map((n) => [n.path, n.value])), on(server));
  },
});

