import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, configuredNeeding, decoded, on, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from './composite-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-280',
  title: 'Successful Read-Composite Operation',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:read-composite'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-280; OMA-TS-LightweightM2M_Core §6.3.8 (Read-Composite)',
  purpose: 'The server sends FETCH with /3/0/16, /3/0/11/0 and /1/0; the answer must be 2.05 SenML with exactly those values.',
  async run(ctx) {
    // /3/0/16 and /3/0/11/0 are read-only: judged against the text/plain values; the Server values are written where they differ.
    const { values: held } = await configuredNeeding(ctx, ['/1/0/1', '/1/0/6', '/1/0/7'], 'C.1');
    const binding = held['/3/0/16'];
    const errorCode = Number(held['/3/0/11/0']);
    const format = senmlFormat(ctx);
    const account = ctx.device.serverAccount;
    const read = await ctx.server.readComposite(ctx.target.endpoint, ['/3/0/16', '/3/0/11/0', account.path], format);
    ctx.require('A', 'MUST', 'The FETCH is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', 'The answer is SenML JSON or CBOR', read.response!.contentFormat ?? null, expect.oneOf(110, 112), on(read));
    const values = valuesOf(decoded(read));
    const server = (r: number) => account.resource(r);
    ctx.check('C', 'MUST', `It holds /3/0/16 = "${binding}", /3/0/11/0 = ${errorCode} and the ${account.path} values, and nothing outside the requested paths`,
      values,
      expect.that(`/3/0/16 "${binding}", /3/0/11/0 ${errorCode}, ${server(0)} ${account.ssid}, ${server(1)} 86400, ${server(6)} false, ${server(7)} "U"; only paths under /3/0/16, /3/0/11/0, ${account.path}`, (v) => {
        if (typeof v !== 'object' || v === null) return false;
        const r = v as Record<string, unknown>;
        const inside = Object.keys(r).every((p) => p === '/3/0/16' || p === '/3/0/11/0' || p.startsWith(`${account.path}/`));
        return inside && r['/3/0/16'] === binding && r['/3/0/11/0'] === errorCode && r[server(0)] === account.ssid && r[server(1)] === 86400 && r[server(6)] === false && r[server(7)] === 'U';
      }), on(read));
  },
});
