import { defineCase } from '../../../harness/run/case.ts';
import { bootstrapFullSecured } from './full-bootstrap-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-2',
  title: 'Client Initiated Bootstrap Full (Cert)',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.0',
  config: 'C.13',
  requires: ['bootstrap:client-initiated', 'security:x509'],
  reset: 'factory',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-2; OMA-TS-LightweightM2M_Core §5.2.7, §6.1.3, Appendix E.1; OMA-TS-LightweightM2M_Transport §5.2 (DTLS, Certificate mode); RFC 7925 §4.4',
  purpose:
    'The int-0 flow with a certificate server account: the bootstrap server writes /0/0 with a coaps:// URI of the harness\'s ' +
    'LwM2M server, Security Mode 2 (Certificate), the client certificate (/0/0/3), the root of the server\'s certificate (/0/0/4) ' +
    'and the client\'s private key (/0/0/5), all DER; the client must then complete a mutually authenticated DTLS handshake, ' +
    'register in that session, and answer a TLV Read of /3/0 in it (int-402).',
  notes:
    'C.17 names coaps://server.example.com; the harness writes its listener\'s address and the name of its certificate as SNI ' +
    '(/0/0/14, localhost) with Certificate Usage 2 (/0/0/15, trust anchor). Credentials are the test CA\'s in ' +
    'fixtures/credentials; the client certificate provisioned is the one whose common name is the target\'s endpoint name ' +
    '(else the case is inconclusive). The private key shows as \'*\' in traces and reports.',
  async run(ctx) {
    const problem = ctx.secureAccounts.unavailable('x509');
    ctx.precondition(!problem, problem ?? '');
    await bootstrapFullSecured(ctx, await ctx.secureAccounts.account('x509'));
  },
});
