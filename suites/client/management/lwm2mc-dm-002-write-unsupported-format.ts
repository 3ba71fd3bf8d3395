import { negative } from './negative-steps.ts';

export default negative({
  id: 'LWM2MC-DM-002', title: 'Write in an unsupported Content-Format is refused with 4.15',
  ref: 'OMA-TS-LightweightM2M_Core §6.3.3 (4.15 Unsupported Content-Format); PITFALLS IF-09',
  purpose: 'The server writes "10" to /1/0/3 with Content-Format 50 (application/json); the client must answer 4.15 rather than guess the format.',
  expected: '4.15', what: 'PUT /1/0/3 with Content-Format 50',
  send: (ctx) => ctx.server.writeBody(ctx.target.endpoint, ctx.device.serverAccount.resource(3), '10', 50),
});
