import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { CF, codeOf, decoded, multiValueFormat, on, valuesOf } from '../dm-steps.ts';
import { firmwareConfigured, State } from './firmware-steps.ts';

/** Delivery Method /5/0/9: 0 pull, 1 push, 2 both (Object 5 registry). */
const deliveryCovers = (claims: { push: boolean; pull: boolean }) => (v: unknown) =>
  (v === 2) || (v === 1 && !claims.pull) || (v === 0 && !claims.push);

const protocolNumbers: Record<string, number> = { coap: 0, coaps: 1, http: 2, https: 3, 'coap+tcp': 4, 'coaps+tcp': 5 };

export default defineCase({
  id: 'LightweightM2M-1.1-int-751',
  title: 'FW Update: Querying the readable resources',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-751; OMA-TS-LightweightM2M_Core §6.3.1 (Read), Appendix E.6 (Object 5: State, Update Result, Protocol Support, Delivery Method)',
  purpose: 'The server reads /5/0; the device must answer 2.05 with State 0 (Idle), an Update Result, Firmware Update Protocol Support /5/0/8 and Delivery Method /5/0/9 that cover what the profile claims.',
  notes: 'The ETS expects Update Result 0; a device that updated earlier keeps the Result of that update (1) until the next download starts, so any defined Result is accepted with State Idle. Delivery Method and Protocol Support are judged against the profile\'s features.firmwareDelivery and features.firmwareProtocols.',
  async run(ctx) {
    await firmwareConfigured(ctx);
    const format = multiValueFormat(ctx) ?? CF.tlv;
    const read = await ctx.server.read(ctx.target.endpoint, '/5/0', format);
    ctx.require('A', 'MUST', 'Read of /5/0 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    const values = valuesOf(decoded(read, '/5/0'));
    const v = typeof values === 'string' ? {} : values;
    ctx.check('B', 'MUST', 'State /5/0/3 is 0 (Idle) and Update Result /5/0/5 a defined result (0-11)',
      typeof values === 'string' ? values : { state: v['/5/0/3'] ?? null, result: v['/5/0/5'] ?? null },
      expect.that('{ state: 0, result: 0…11 }', (x) => { const r = x as { state?: unknown; result?: unknown }; return r.state === State.idle && Number.isInteger(r.result) && (r.result as number) >= 0 && (r.result as number) <= 11; }), on(read));
    const claims = { push: ctx.target.features.has('firmware:push'), pull: ctx.target.features.has('firmware:pull') };
    const claimed = [claims.push ? 'push' : '', claims.pull ? 'pull' : ''].filter(Boolean).join(' and ') || 'nothing';
    ctx.check('C', 'MUST', `Delivery Method /5/0/9 (0 pull, 1 push, 2 both) covers the delivery the profile claims (${claimed})`, v['/5/0/9'] ?? 'absent',
      expect.that(claims.push && claims.pull ? '2' : claims.push ? '1 or 2' : claims.pull ? '0 or 2' : '0, 1 or 2', (x) => (claims.push || claims.pull ? deliveryCovers(claims)(x) : [0, 1, 2].includes(x as number))), on(read));
    const listed = Object.entries(v).filter(([p]) => p.startsWith('/5/0/8/')).map(([, x]) => x as number).sort();
    const wanted = claims.pull ? [...ctx.target.features].filter((f) => f.startsWith('firmware-protocol:')).map((f) => protocolNumbers[f.slice('firmware-protocol:'.length)]!).sort() : [];
    ctx.check('D', 'MUST', `Protocol Support /5/0/8 lists the pull protocols the profile claims (${wanted.join(', ') || 'none'})`, listed,
      expect.that(`includes ${JSON.stringify(wanted)}`, (x) => wanted.every((n) => (x as number[]).includes(n))), on(read));
  },
});
