import { defineCase } from '../../../harness/run/case.ts';
import { objectPaths } from '../../../harness/run/case-server.ts';
import { codeOf, decoded, on, valuesOf } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { encoded, instancesOf } from './object-steps.ts';

/** Preferred Communications Bearer /13/0/0 values (registry object 13). */
const bearer = { wlan: 7, psPreferred: 1 } as const;

const preference = (value: number) => [{ path: '/13/0/0/0', type: 'integer' as const, value }];

export default defineCase({
  id: 'LightweightM2M-CONMGMT-int-1350',
  title: 'Bearer Selection',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.10',
  requires: ['object:10', 'object:13', 'operation:create'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 CONMGMT-int-1350; OMA-TS-LightweightM2M_Core §6.3.6 (Create), §6.3.3 (Write); registry object 13 (Bearer Selection)',
  purpose:
    'The server creates Bearer Selection /13/0 with WLAN preferred, then writes 3GPP PS preferred, and reads /10; the device must take each preference (read back) and answer the read of /10.',
  notes:
    'Not checked, and no check recorded for them: the ETS\'s bearer switches (steps 3 and 6: the device moves to WLAN, then back to cellular, and sends an Update from each new address) and the read of the WLAN object /12/0 (step 4). ' +
    'The harness reaches the device over one loopback UDP path, with no second bearer to switch to. ' +
    'A device that holds /13/0 already (its Register lists it) gets a write of the WLAN preference instead of the Create. The Create and writes are in TLV when the profile claims it. /13/0 is deleted after the case when the case created it.',
  async run(ctx) {
    const config = await objectConfigured(ctx, 'C.10');
    const format = objectFormat(ctx);
    const exists = objectPaths(config.objectList?.links ?? []).includes('/13/0');
    const first = exists
      ? await ctx.server.writeBody(ctx.target.endpoint, '/13/0/0', encoded(format, '/13/0/0', preference(bearer.wlan)), format)
      : await ctx.server.create(ctx.target.endpoint, '/13', encoded(format, '/13', preference(bearer.wlan)), format);
    if (exists) ctx.note('the device holds /13/0 already: the WLAN preference is written instead of created');
    ctx.require('A', 'MUST', exists ? 'The write of /13/0/0 = 7 (WLAN preferred) is answered 2.04 Changed' : 'Create on /13 with /13/0/0 = 7 (WLAN preferred) is answered 2.01 Created', codeOf(first), exists ? '2.04' : '2.01', on(first));
    if (!exists) {
      ctx.afterCase(async () => {
        const removed = await ctx.server.delete(ctx.target.endpoint, '/13/0');
        if (codeOf(removed) !== '2.02') ctx.note(`deleting /13/0 after the case was answered ${codeOf(removed)}`);
      });
    }
    const readWlan = await ctx.server.read(ctx.target.endpoint, '/13/0/0', format);
    ctx.check('B', 'MUST', 'Reading /13/0/0 (2.05) shows WLAN preferred (7)', { code: codeOf(readWlan), preferred: instancesOf(valuesOf(decoded(readWlan, '/13/0/0')), '/13/0/0') }, { code: '2.05', preferred: [bearer.wlan] }, on(readWlan));
    const write = await ctx.server.writeBody(ctx.target.endpoint, '/13/0/0', encoded(format, '/13/0/0', preference(bearer.psPreferred)), format);
    ctx.require('C', 'MUST', 'The write of /13/0/0 = 1 (3GPP PS preferred) is answered 2.04 Changed', codeOf(write), '2.04', on(write));
    const readPs = await ctx.server.read(ctx.target.endpoint, '/13/0/0', format);
    ctx.check('D', 'MUST', 'Reading /13/0/0 (2.05) shows 3GPP PS preferred (1)', { code: codeOf(readPs), preferred: instancesOf(valuesOf(decoded(readPs, '/13/0/0')), '/13/0/0') }, { code: '2.05', preferred: [bearer.psPreferred] }, on(readPs));
    const cellular = await ctx.server.read(ctx.target.endpoint, '/10', format);
    ctx.check('E', 'MUST', 'Read of /10 is answered 2.05 Content', codeOf(cellular), '2.05', on(cellular));
  },
});
