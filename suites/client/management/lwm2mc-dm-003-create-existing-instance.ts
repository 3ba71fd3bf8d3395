import { negative } from './negative-steps.ts';
import { CF } from '../dm-steps.ts';

export default negative({
  id: 'LWM2MC-DM-003', title: 'Create of an existing instance is refused with 4.00',
  requires: ['object:16', 'operation:create', 'format:tlv'],
  ref: 'OMA-TS-LightweightM2M_Core §6.3.6 (Create: 4.00 when the instance exists); PITFALLS IF-14',
  purpose: 'The server creates Portfolio instance 0, which C.12 already has; the client must answer 4.00 and keep the instance.',
  expected: '4.00', what: 'POST /16 naming instance 0',
  // TLV: Object Instance 0 wrapping Identity (multiple) with instance 0 = "x".
  send: (ctx) => ctx.server.create(ctx.target.endpoint, '/16', Buffer.from('0500830041007' + '8', 'hex'), CF.tlv),
});
