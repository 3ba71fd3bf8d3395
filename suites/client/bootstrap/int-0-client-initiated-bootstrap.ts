import { defineCase } from '../../../harness/run/case.ts';
import { bootstrapFull } from './full-bootstrap-steps.ts';
import { registersAfter } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-0',
  title: 'Client Initiated Bootstrap',
  interface: 'bootstrap',
  tests: 'client',
  since: '1.0',
  config: 'C.13',
  requires: ['bootstrap:client-initiated'],
  reset: 'factory',
  // Asking for bootstrap after the factory reset is the criterion itself.
  judgesReset: true,
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-0; OMA-TS-LightweightM2M_Core §5.2.7, §6.1.3',
  purpose:
    'The client starts with only a bootstrap account and must ask the harness\'s bootstrap server for a ' +
    'configuration; the server writes /0 and /1, discovers / and finishes, and the client then registers.',
  notes:
    'The server account is on the harness\'s reference server, secured as the session is: NoSec, or PSK when the ' +
    'profile runs DTLS-PSK (C.1 uses PSK: see int-1 and int-2, which provision secured accounts on their own). The bootstrap ' +
    'server\'s own answers (2.04 to the request) are the harness\'s and not recorded as checks of the client.',
  async run(ctx) {
    const since = await bootstrapFull(ctx, { server: ctx.server, uri: ctx.server.uri });
    await registersAfter(ctx, 'M', since);
  },
});
