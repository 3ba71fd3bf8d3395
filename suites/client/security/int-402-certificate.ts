import { defineCase } from '../../../harness/run/case.ts';
import { secureChannel } from './channel-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-402',
  title: 'UDP Channel Security - Certificate Mode',
  interface: 'security',
  tests: 'client',
  since: '1.0',
  config: 'C.17',
  requires: ['security:x509'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-402; OMA-TS-LightweightM2M_Transport §5.2 (DTLS, Certificate mode); RFC 7925 §4.4',
  purpose:
    'The harness resets the client and listens with DTLS and its certificate, asking for the client\'s certificate; the client ' +
    'must complete the handshake (offering TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8), register in that session, and answer a TLV Read of /3/0 in it.',
  notes:
    'C.17 names the server coaps://server.example.com; the harness listens where the profile says and presents ' +
    'target.security.certificate, which the device must trust and whose name it checks (see int-403). The ETS ' +
    'heading gives version 1.0; the 1.2 inventory lists the case for 1.2 only. It is kept from 1.0, as the heading says.',
  async run(ctx) {
    await secureChannel(ctx, 'x509');
  },
});
