import { refusedAttributes } from './negative-steps.ts';

export default refusedAttributes({
  id: 'LWM2MC-DM-006', title: 'Write-Attributes with lt not below gt is refused with 4.00', path: '/3/0/9', query: 'lt=50&gt=40',
  purpose: 'The server writes lt=50&gt=40 on Battery Level /3/0/9; lt must be less than gt, so the client must answer 4.00.',
});
