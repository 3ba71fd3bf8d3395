import { negative } from './negative-steps.ts';

export default negative({
  id: 'LWM2MC-DM-001', title: 'Read with an unsupported Accept is refused with 4.06',
  ref: 'OMA-TS-LightweightM2M_Core §6.3.1 (4.06 Not Acceptable); RFC 7252 §5.10.4; PITFALLS IF-09',
  purpose: 'The server reads /3/0 with Accept 50 (application/json, not an LwM2M format); the client must answer 4.06, not a payload in another format.',
  expected: '4.06', what: 'GET /3/0 with Accept 50',
  send: (ctx) => ctx.server.read(ctx.target.endpoint, '/3/0', 50),
});
