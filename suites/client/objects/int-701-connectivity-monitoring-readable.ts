import { isIP } from 'node:net';
import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, on } from '../dm-steps.ts';
import { instanceConfigured, instancesOf, readInstance, resourceIds } from './object-instance-steps.ts';

/** Mandatory resources of Connectivity Monitoring (registry 4.xml): Network Bearer, Available Network Bearer, Radio Signal Strength, IP Addresses. */
const mandatory = [0, 1, 2, 4];

export default defineCase({
  id: 'LightweightM2M-1.1-int-701',
  title: 'Connectivity Monitoring: Querying the readable resources',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.5',
  requires: ['object:4'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-701; OMA-TS-LightweightM2M_Core §6.3.1 (Read), Appendix E (Object 4: Connectivity Monitoring)',
  purpose:
    'The server reads /4/0; the device must answer 2.05 with the mandatory resources (Network Bearer 0, Available Network Bearer 1, Radio Signal Strength 2, IP Addresses 4), ' +
    'a Network Bearer among the available ones, and IP addresses that parse.',
  notes: 'The values are the device\'s own (a bearer, its signal, its addresses): they are judged for consistency, not against fixed ETS values. The optional resources the device gave are listed in the notes.',
  async run(ctx) {
    await instanceConfigured(ctx, '/4/0', 'C.5');
    const { outcome, values } = await readInstance(ctx, '/4/0');
    ctx.require('A', 'MUST', 'Read of /4/0 is answered 2.05 Content', codeOf(outcome), '2.05', on(outcome));
    const present = resourceIds(values, '/4/0');
    ctx.check('B', 'MUST', 'The mandatory resources 0, 1, 2 and 4 are present', typeof values === 'string' ? values : present,
      expect.that('includes 0, 1, 2, 4', (v) => Array.isArray(v) && mandatory.every((r) => v.includes(r))), on(outcome));
    ctx.note(`optional resources given: ${present.filter((r) => !mandatory.includes(r)).join(', ') || 'none'}`);
    const bearer = typeof values === 'string' ? undefined : values['/4/0/0'];
    const available = instancesOf(values, '/4/0/1');
    ctx.check('C', 'MUST', 'Network Bearer /4/0/0 is one of the Available Network Bearers /4/0/1', { bearer: bearer ?? null, available },
      expect.that('bearer listed in available', (v) => { const x = v as { bearer: unknown; available: unknown[] }; return x.bearer !== null && x.available.includes(x.bearer); }), on(outcome));
    const addresses = instancesOf(values, '/4/0/4');
    ctx.check('D', 'MUST', 'IP Addresses /4/0/4 hold at least one address, each an IPv4 or IPv6 address', addresses,
      expect.that('IP addresses', (v) => Array.isArray(v) && v.length > 0 && v.every((a) => typeof a === 'string' && isIP(a) !== 0)), on(outcome));
  },
});
