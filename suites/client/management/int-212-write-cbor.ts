import { encode } from 'cbor-x';
import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, decoded, multiValueFormat, on, onAccount, pick, valuesOf } from '../dm-steps.ts';
import { each } from './read-steps.ts';

const etsSet: Record<string, number | boolean> = { '/1/0/2': 101, '/1/0/3': 1010, '/1/0/6': true };

export default defineCase({
  id: 'LightweightM2M-1.1-int-212',
  title: 'Setting basic information in CBOR format',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.3',
  requires: ['format:cbor'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-212; OMA-TS-LightweightM2M_Core §7.3.2 (CBOR, 60)',
  purpose: 'The server writes /1/0/2=101, /1/0/3=1010 and /1/0/6=true each as a single CBOR value (Content-Format 60), then reads /1/0 back.',
  async run(ctx) {
    await configured(ctx, 'C.3');
    const server = ctx.device.serverAccount.path;
    const set = onAccount(ctx, etsSet);
    const paths = Object.keys(set);
    const codes: Record<string, string> = {};
    let first;
    for (const [path, value] of Object.entries(set)) {
      const w = await ctx.server.writeBody(ctx.target.endpoint, path, Buffer.from(encode(value)), CF.cbor);
      first ??= w;
      codes[path] = codeOf(w);
    }
    ctx.check('A', 'MUST', 'Each write is answered 2.04 Changed', codes, each(paths, '2.04'), on(first));
    const format = ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format to read /1/0 back');
    const read = await ctx.server.read(ctx.target.endpoint, server, format);
    ctx.check('B', 'MUST', `Reading ${server} shows the written values`, pick(valuesOf(decoded(read, server)), paths), set, on(read));
  },
});
