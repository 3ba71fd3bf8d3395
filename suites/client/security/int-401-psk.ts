import { defineCase } from '../../../harness/run/case.ts';
import { secureChannel } from './channel-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-401',
  title: 'UDP Channel Security - Pre-shared Key Mode',
  interface: 'security',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  requires: ['security:psk'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-401; OMA-TS-LightweightM2M_Transport §5.2 (DTLS, PSK mode); RFC 4279; RFC 6655',
  purpose:
    'The harness resets the client and listens with DTLS-PSK; the client must complete the handshake with its identity ' +
    '(offering TLS_PSK_WITH_AES_128_CCM_8), register in that session, and answer a TLV Read of /3/0 in it.',
  notes:
    'The ETS configuration C.1 puts the identity and key in /0/0/3 and /0/0/5; a management server cannot read them ' +
    '(int-221), so the profile gives them and the handshake proves the device holds them. Handshake facts ' +
    '(ClientHello, cipher suite, identity) come from the DTLS events of the trace and are listed in the notes.',
  async run(ctx) {
    await secureChannel(ctx, 'psk');
  },
});
