import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { ServerAccount } from '../../../harness/run/case-device.ts';
import { codeOf, configuredNeeding, decoded, on, pick, valuesOf } from '../dm-steps.ts';
import { senmlFormat } from './composite-steps.ts';

/**
 * The C.1 data the answer must hold ('*': present), the Server part at the device's account.
 * Supported Binding and Modes (/3/0/16) is read-only: judged against the value the device holds.
 */
const wantedAt = (account: ServerAccount, binding: string): Record<string, unknown> => ({
  '/3/0/0': '*', '/3/0/1': '*', '/3/0/2': '*', '/3/0/3': '*', '/3/0/11/0': 0, '/3/0/16': binding,
  [account.resource(0)]: account.ssid, [account.resource(1)]: 86400, [account.resource(6)]: false, [account.resource(7)]: 'U',
});

export default defineCase({
  id: 'LightweightM2M-1.1-int-229',
  title: 'Read-Composite Operation',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  until: '1.1',
  config: 'C.1',
  requires: ['operation:read-composite'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-229; OMA-TS-LightweightM2M_Core §6.3.8 (Read-Composite)',
  purpose: 'The server sends FETCH with the overlapping paths /3, /1/0, /1/0/1 and /3/0/11/0; the client must answer 2.05 SenML holding the requested C.1 data.',
  notes:
    'Only for LwM2M 1.1 targets: ETS 1.2.1 voids int-229 in favour of int-280 (CATALOGUE §1.1, §6). ' +
    'Its overlapping paths are disputed (OMA #568, leshan#1486), so the case is lenient about them: a value may appear once or repeated, ' +
    'and what is judged is that the requested data is there.',
  async run(ctx) {
    const { values: held } = await configuredNeeding(ctx, ['/1/0/1', '/1/0/6', '/1/0/7'], 'C.1');
    const format = senmlFormat(ctx);
    const account = ctx.device.serverAccount;
    const wanted = wantedAt(account, held['/3/0/16'] ?? 'U');
    const read = await ctx.server.readComposite(ctx.target.endpoint, ['/3', account.path, account.resource(1), '/3/0/11/0'], format);
    ctx.require('A', 'MUST', 'The FETCH is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('B', 'MUST', 'The answer is SenML JSON or CBOR', read.response!.contentFormat ?? null, expect.oneOf(110, 112), on(read));
    const values = pick(valuesOf(decoded(read)), Object.keys(wanted));
    ctx.check('C', 'MUST', 'It holds the Device values (Manufacturer, Model, Serial, Firmware, Error Code, Binding as the device holds it) and the Server values of C.1',
      values, expect.that(JSON.stringify(wanted), (v) => typeof v === 'object' && v !== null &&
        Object.entries(wanted).every(([p, w]) => (w === '*' ? (v as Record<string, unknown>)[p] !== null : (v as Record<string, unknown>)[p] === w))), on(read));
  },
});
