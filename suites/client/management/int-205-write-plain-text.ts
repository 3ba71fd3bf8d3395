import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, decoded, multiValueFormat, on, onAccount, pick, valuesOf } from '../dm-steps.ts';
import { each } from './read-steps.ts';

const etsSet = { '/1/0/2': 101, '/1/0/3': 1010, '/1/0/5': 2000 };
const etsInitial = { '/1/0/2': 1, '/1/0/3': 10, '/1/0/5': 86400 };

export default defineCase({
  id: 'LightweightM2M-1.1-int-205',
  title: 'Setting basic information in Plain Text format',
  interface: 'management',
  tests: 'client',
  since: '1.0',
  config: 'C.3',
  requires: ['format:text'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-205; OMA-TS-LightweightM2M_Core §6.3.3 (Write), §7.3.1',
  purpose: 'The server writes Default Minimum Period, Default Maximum Period and Disable Timeout (/1/0/2, 3, 5) one by one in text/plain, reads /1/0 back, then restores the C.3 values and reads again.',
  notes: 'The read-back uses a multi-value format the profile claims (the ETS uses TLV).',
  async run(ctx) {
    await configured(ctx, 'C.3');
    const server = ctx.device.serverAccount.path;
    const set = onAccount(ctx, etsSet);
    const initial = onAccount(ctx, etsInitial);
    const paths = Object.keys(set);
    const writeAll = async (values: Record<string, number>) => {
      const codes: Record<string, string> = {};
      let first;
      for (const [path, value] of Object.entries(values)) {
        const w = await ctx.server.writeBody(ctx.target.endpoint, path, String(value), CF.text);
        first ??= w;
        codes[path] = codeOf(w);
      }
      return { codes, first };
    };
    const format = ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format to read /1/0 back');
    const w1 = await writeAll(set);
    ctx.check('A', 'MUST', 'Each write is answered 2.04 Changed', w1.codes, each(paths, '2.04'), on(w1.first));
    const r1 = await ctx.server.read(ctx.target.endpoint, server, format);
    ctx.check('B', 'MUST', `Reading ${server} shows the written values`, pick(valuesOf(decoded(r1, server)), paths), set, on(r1));
    const w2 = await writeAll(initial);
    ctx.check('C', 'MUST', 'Each restoring write is answered 2.04 Changed', w2.codes, each(paths, '2.04'), on(w2.first));
    const r2 = await ctx.server.read(ctx.target.endpoint, server, format);
    ctx.check('D', 'MUST', `Reading ${server} shows the C.3 values again`, pick(valuesOf(decoded(r2, server)), paths), initial, on(r2));
  },
});
