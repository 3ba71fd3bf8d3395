import { refusedAttributes } from './negative-steps.ts';

export default refusedAttributes({
  id: 'LWM2MC-DM-008', title: 'Write-Attributes gt on a string resource is refused with 4.00 or 4.05', path: '/3/0/0', query: 'gt=5',
  purpose:
    'The server writes gt=5 on Manufacturer /3/0/0, a string; gt, lt and st apply to numeric resources only, so the client must refuse it: ' +
    '4.00 Bad Request or 4.05 (the target is not allowed for these attributes), both in the TS\'s Write-Attributes responses; 4.00 is preferred.',
  expected: ['4.00', '4.05'], preferred: '4.00',
});
