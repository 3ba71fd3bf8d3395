import { defineCase } from '../../../harness/run/case.ts';
import { driveAndCatch, on, registeredClient } from '../management/steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-303',
  title: 'Cancel Observation',
  interface: 'reporting',
  tests: 'server',
  since: '1.0',
  config: 'C.4',
  requires: ['driver:observe', 'driver:cancel-observe'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-303; OMA-TS-LightweightM2M_Core §6.4.2; RFC 7641 §3.6',
  purpose:
    'The server observes /3/0/0 of a simulated client, then is made to cancel it; the cancellation must be a GET ' +
    'with Observe=1 on the same path with the same token as the observation.',
  notes: 'ETS erratum (OMA #236): int-303 cancels at /3/0 although resources were observed; here the observed path is cancelled.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const observe = await driveAndCatch(ctx, client, 'observe', { path: '/3/0/0' });
    ctx.precondition(observe.request.observe === 0, 'the server did not send an Observe request to cancel later');
    const since = client.received.position();
    const cancelling = ctx.drive('cancel-observe', { endpoint: client.name, path: '/3/0/0' }).catch(() => undefined);
    const within = ctx.target.timing.responseWithinMs;
    const cancel = ctx.arrived('B', 'MUST', 'The server sends the cancellation', await client.nextRequest(since, within), within, (r) => `${r.request.method} ${r.request.path}`);
    await cancelling;
    ctx.check('C', 'MUST', 'The cancellation carries Observe=1 (deregister)', cancel.request.observe ?? 'absent', 1, on(cancel));
    ctx.check('D', 'MUST', 'The cancellation uses the observation\'s token', cancel.request.message.token.toString('hex'), observe.request.message.token.toString('hex'), on(cancel));
    ctx.check('E', 'MUST', 'The cancellation targets the observed path', cancel.request.path, observe.request.path, on(cancel));
  },
});
