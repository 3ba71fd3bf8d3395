import { negative } from './negative-steps.ts';
import { CF } from '../dm-steps.ts';

export default negative({
  id: 'LWM2MC-DM-004', title: 'Write of an undefined resource is refused with 4.04 or 4.05',
  ref: 'OMA-TS-LightweightM2M_Core §6.3.3 (4.04 Not Found, 4.05 Method Not Allowed); PITFALLS IF-13',
  purpose:
    'The server writes resource 100 of the Device instance, which object 3 does not define; the client must refuse it with 4.04 (the URI is not found) ' +
    'or 4.05 (the target is not allowed for Write), both in the TS\'s Write responses; 4.04 is preferred.',
  expected: ['4.04', '4.05'], preferred: '4.04', what: 'PUT /3/0/100',
  send: (ctx) => ctx.server.writeBody(ctx.target.endpoint, '/3/0/100', '1', CF.text),
});
