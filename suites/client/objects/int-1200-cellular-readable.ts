import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, decoded, on, pick, valuesOf } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { carried, formatName } from './object-steps.ts';

/** C.10's timers: PSM Timer and Active Timer, s. */
const c10Timers = { '/10/0/4': 3600, '/10/0/5': 600 };

export default defineCase({
  id: 'LightweightM2M-1.1-int-1200',
  title: 'Cellular Connectivity: Querying the readable resources',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.10',
  requires: ['object:10', 'object:11'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1200; OMA-TS-LightweightM2M_Core §6.3.1 (Read); registry object 10 (Cellular Connectivity)',
  purpose: 'The server reads /10/0 in TLV; the device must answer 2.05 in TLV with the C.10 resources: PSM Timer 3600 s, Active Timer 600 s and the eDRX parameters for WB-S1 and NB-S1 mode.',
  notes:
    'C.10 also sets /10/0/6 (Serving PLMN Rate control), which object 10 version 1.1 moved to the APN profile /11 (resource 26): it is not required. ' +
    'The eDRX parameters /10/0/8 and /10/0/9 are opaque in the registry, where the ETS prints cycle lengths (20.48, 51.2): they are required present, not compared. ' +
    'PSM and Active Timer are written with the C.10 values when the device holds others (restored after the case). The read is in TLV when the profile claims it, else in another multi-value format it claims.',
  async run(ctx) {
    await objectConfigured(ctx, 'C.10', Object.keys(c10Timers));
    const format = objectFormat(ctx);
    const read = await ctx.server.read(ctx.target.endpoint, '/10/0', format);
    ctx.require('A', 'MUST', 'Read of /10/0 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', `The answer is in ${formatName(format)}, as asked`, read.response?.contentFormat ?? 'no Content-Format', format, on(read));
    const values = valuesOf(decoded(read, '/10/0'));
    ctx.check('C', 'MUST', 'It carries PSM Timer (4), Active Timer (5) and the eDRX parameters for WB-S1 (8) and NB-S1 (9) mode', carried(values, '/10/0', [4, 5, 8, 9]), [4, 5, 8, 9], on(read));
    ctx.check('D', 'MUST', 'PSM Timer and Active Timer are those of C.10 (3600 s, 600 s)', pick(values, Object.keys(c10Timers)), c10Timers, on(read));
  },
});
