import { defineCase } from '../../../harness/run/case.ts';
import { refusesCredentials } from './refusal-steps.ts';
import { dtlsIn } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SEC-002',
  title: 'No session with a server whose certificate the client does not trust',
  interface: 'security',
  tests: 'client',
  since: '1.0',
  config: 'C.17',
  requires: ['security:x509'],
  ref: 'OMA-TS-LightweightM2M_Transport §5.2 (Certificate mode); RFC 7925 §4.4; RFC 5280 §6 (path validation)',
  purpose:
    'The registered client is rebooted (Execute /3/0/4) while the harness presents a certificate signed by a CA nobody ' +
    'trusts; the client must abort the handshake and must not register or fall back to plain CoAP.',
  notes: 'The certificate is fixtures/credentials/untrusted-server-cert.pem (its CA is public test material that no device trusts).',
  async run(ctx) {
    const dtls = dtlsIn(ctx, 'x509');
    const untrusted = ctx.precondition(dtls.alternatives.untrusted, 'the harness has no untrusted certificate to present');
    await refusesCredentials(ctx, dtls, () => dtls.presentCertificate(untrusted), {
      handshake: 'The client aborts the handshake with a server whose certificate does not chain to a root it trusts',
    });
  },
});
