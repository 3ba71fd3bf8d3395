import { defineCase } from '../../../harness/run/case.ts';
import { refusesCredentials } from './refusal-steps.ts';
import { dtlsIn } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SEC-001',
  title: 'No session, and no unprotected fallback, with a server holding another PSK',
  interface: 'security',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  requires: ['security:psk'],
  ref: 'OMA-TS-LightweightM2M_Transport §5.2 (DTLS, PSK mode); RFC 4279 §2; RFC 5246 §7.4.9 (Finished)',
  purpose:
    'The registered client is rebooted (Execute /3/0/4) while the harness answers its PSK identity with a different key; ' +
    'the handshake must not complete, and the client must not turn to plain CoAP instead.',
  notes:
    'With different keys neither side can verify the other\'s Finished message, so the handshake fails whoever notices ' +
    'first; what the case catches is a client that then talks to the server without security.',
  async run(ctx) {
    const dtls = dtlsIn(ctx, 'psk');
    await refusesCredentials(ctx, dtls, () => dtls.useWrongPsk(true), {
      handshake: 'The handshake with a server holding another key for the identity does not complete',
    });
  },
});
