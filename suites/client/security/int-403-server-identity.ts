import { defineCase } from '../../../harness/run/case.ts';
import { refusesCredentials } from './refusal-steps.ts';
import { dtlsIn } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-403',
  title: 'Certificate mode - server identity check failure',
  interface: 'security',
  tests: 'client',
  since: '1.0',
  config: 'C.18',
  requires: ['security:x509'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-403; OMA-TS-LightweightM2M_Transport §5.2 (Certificate mode: server identity); RFC 7925 §4.4.1; RFC 6125',
  purpose:
    'The registered client is rebooted (Execute /3/0/4) while the harness presents a certificate from a CA the client trusts ' +
    'that names another host; the client must abort the handshake and must not register.',
  notes:
    'C.18 points the client at coaps://server-fail.example.com while the server holds a certificate for server.example.com. ' +
    'The harness cannot change the URI a device is configured with, so it changes the other side: it keeps the URI and ' +
    'presents target.security.mismatchCertificate (for the bundled device fixtures/credentials/wrong-server-cert.pem, ' +
    'CN wrong.example). The mismatch the client must detect is the same. A reboot makes the client handshake again.',
  async run(ctx) {
    const dtls = dtlsIn(ctx, 'x509');
    const mismatched = ctx.precondition(dtls.alternatives.mismatched, 'the profile gives no target.security.mismatchCertificate / mismatchPrivateKey (a trusted certificate naming another host)');
    await refusesCredentials(ctx, dtls, () => dtls.presentCertificate(mismatched), {
      handshake: 'The client aborts the handshake with a server whose certificate names another host',
    });
  },
});
