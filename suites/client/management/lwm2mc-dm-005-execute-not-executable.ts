import { negative } from './negative-steps.ts';

export default negative({
  id: 'LWM2MC-DM-005', title: 'Execute on a non-executable resource is refused with 4.05',
  ref: 'OMA-TS-LightweightM2M_Core §6.3.5 (4.05 Method Not Allowed)',
  purpose: 'The server executes Manufacturer /3/0/0, a readable resource; the client must answer 4.05.',
  expected: '4.05', what: 'POST /3/0/0 (Execute)',
  send: (ctx) => ctx.server.execute(ctx.target.endpoint, '/3/0/0'),
});
