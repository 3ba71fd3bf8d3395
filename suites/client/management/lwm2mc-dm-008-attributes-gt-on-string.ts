import { refusedAttributes } from './negative-steps.ts';

export default refusedAttributes({
  id: 'LWM2MC-DM-008', title: 'Write-Attributes gt on a string resource is refused with 4.00', path: '/3/0/0', query: 'gt=5',
  purpose: 'The server writes gt=5 on Manufacturer /3/0/0, a string; gt, lt and st apply to numeric resources only, so the client must answer 4.00.',
});
