import { defineCase } from '../../../harness/run/case.ts';
import type { CaseServer } from '../../../harness/run/case-server.ts';
import { codeOf, linkAttributes, linksOf, on } from '../dm-steps.ts';
import { multiServerConfigured } from './multi-server-steps.ts';

/** The ETS's attributes: server #1 writes pmin=2&pmax=10 on /3/0, server #2 pmin=15&pmax=50. */
const written = [{ pmin: '2', pmax: '10' }, { pmin: '15', pmax: '50' }] as const;

export default defineCase({
  id: 'LightweightM2M-1.1-int-951',
  title: 'Multi-Servers & Attributes',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.14',
  requires: ['operation:multi-server', 'bootstrap:client-initiated', 'operation:write-attributes', 'format:link-format'],
  reset: 'factory',
  provisions: true,
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-951; OMA-TS-LightweightM2M_Core §5.1.1 (attributes are per server), §6.3.5 (Discover), §6.3.4 (Write-Attributes)',
  purpose:
    'With the device registered to two servers (ETS C.14, as in int-950), server #1 writes pmin=2&pmax=10 and server #2 pmin=15&pmax=50 on /3/0; ' +
    'a Discover of /3/0 from each server must show that server\'s own attributes on </3/0> and not the other\'s.',
  notes:
    'The attributes are only written and discovered, never waited on, so the ETS values are used as they are. C.14 is provisioned as in int-950; its checks A-D come first.',
  async run(ctx) {
    const ep = ctx.target.endpoint;
    const { second } = await multiServerConfigured(ctx);
    const servers: readonly [CaseServer, CaseServer] = [ctx.server, second];
    for (const [k, id] of (['E', 'F'] as const).entries()) {
      const query = `pmin=${written[k]!.pmin}&pmax=${written[k]!.pmax}`;
      const wa = await servers[k]!.writeAttributes(ep, '/3/0', query);
      ctx.require(id, 'MUST', `Write-Attributes ${query} on /3/0 from server #${k + 1} is answered 2.04`, codeOf(wa), '2.04', on(wa));
    }
    for (const [k, id] of (['G', 'H'] as const).entries()) {
      const discover = await servers[k]!.discover(ep, '/3/0');
      const attrs = linkAttributes(linksOf(discover), '/3/0');
      const shown = typeof attrs === 'string' ? `${codeOf(discover)}: ${attrs}` : { code: codeOf(discover), pmin: attrs.pmin ?? null, pmax: attrs.pmax ?? null };
      ctx.check(id, 'MUST', `Discover /3/0 from server #${k + 1} (2.05) shows its own attributes on </3/0>, not server #${2 - k}'s`, shown,
        { code: '2.05', ...written[k]! }, on(discover));
    }
  },
});
