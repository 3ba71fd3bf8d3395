import { negative, attributeRef } from './negative-steps.ts';

export default negative({
  id: 'LWM2MC-DM-009', title: 'Write-Attributes with an unknown attribute is refused with 4.00',
  requires: ['operation:write-attributes'], ref: attributeRef,
  purpose: 'The server writes foo=1 on /3/0/9; an attribute the TS does not define must be answered 4.00.',
  expected: '4.00', what: 'PUT /3/0/9?foo=1',
  send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/9', 'foo=1'),
});
