import { negative, attributeRef } from './negative-steps.ts';

export default negative({
  id: 'LWM2MC-DM-008', title: 'Write-Attributes gt on a string resource is refused with 4.00',
  requires: ['operation:write-attributes'], ref: attributeRef,
  purpose: 'The server writes gt=5 on Manufacturer /3/0/0, a string; gt, lt and st apply to numeric resources only, so the client must answer 4.00.',
  expected: '4.00', what: 'PUT /3/0/0?gt=5',
  send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/0', 'gt=5'),
});
