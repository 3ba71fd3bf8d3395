import { negative } from './negative-steps.ts';
import { CF } from '../dm-steps.ts';

export default negative({
  id: 'LWM2MC-DM-012', title: 'Execute with a stray Accept option still succeeds',
  ref: 'OMA-TS-LightweightM2M_Core §6.3.5 (Execute); RFC 7252 §5.10.4 (Accept); PITFALLS IF-09 (OMA #241)',
  purpose: 'The server executes Registration Update Trigger /1/0/8 with Accept 0, which some servers add; an Execute returns no payload, so the client must answer 2.04, not 4.06.',
  expected: '2.04', what: 'POST /1/0/8 (Execute) with Accept 0',
  send: (ctx) => ctx.server.request(ctx.target.endpoint, { method: 'POST', path: ctx.device.serverAccount.resource(8), accept: CF.text }),
});
