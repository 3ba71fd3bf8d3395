import { negative, attributeRef } from './negative-steps.ts';

export default negative({
  id: 'LWM2MC-DM-006', title: 'Write-Attributes with lt not below gt is refused with 4.00',
  requires: ['operation:write-attributes'], ref: attributeRef,
  purpose: 'The server writes lt=50&gt=40 on Battery Level /3/0/9; lt must be less than gt, so the client must answer 4.00.',
  expected: '4.00', what: 'PUT /3/0/9?lt=50&gt=40',
  send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/9', 'lt=50&gt=40'),
});
