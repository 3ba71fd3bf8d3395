import { defineCase } from '../../../harness/run/case.ts';
import { bootstrapFullSecured } from './full-bootstrap-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-1',
  title: 'Client Initiated Bootstrap Full (PSK)',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.0',
  config: 'C.13',
  requires: ['bootstrap:client-initiated', 'security:psk'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1; OMA-TS-LightweightM2M_Core §5.2.7, §6.1.3, Appendix E.1; OMA-TS-LightweightM2M_Transport §5.2 (DTLS, PSK mode)',
  purpose:
    'The int-0 flow with a DTLS-PSK server account: the bootstrap server writes /0/0 with a coaps:// URI of the harness\'s ' +
    'LwM2M server, Security Mode 0 (PSK), the PSK identity (/0/0/3) and key (/0/0/5); the client must then complete a DTLS ' +
    'handshake with that identity, register in that session, and answer a TLV Read of /3/0 in it (int-401).',
  notes:
    'The server is a DTLS-PSK listener of the harness\'s reference server that knows only the identity written, bound to the ' +
    'target\'s endpoint name. Identity and key are the profile\'s target.security ones in PSK mode, else the test ones in ' +
    'fixtures/credentials; the key shows as \'*\' in traces and reports. The 1.2 ETS starts from C.14; the 1.2.1 candidate from C.13, as here.',
  async run(ctx) {
    await bootstrapFullSecured(ctx, await ctx.secureAccounts.account('psk'));
  },
});
