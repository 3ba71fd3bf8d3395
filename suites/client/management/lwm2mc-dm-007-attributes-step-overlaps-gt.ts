import { refusedAttributes } from './negative-steps.ts';

export default refusedAttributes({
  id: 'LWM2MC-DM-007', title: 'Write-Attributes with lt + 2·st not below gt is refused with 4.00', path: '/3/0/9', query: 'lt=10&gt=20&st=6',
  purpose: 'The server writes lt=10&gt=20&st=6 on /3/0/9; lt + 2·st (22) must be less than gt, so the client must answer 4.00.',
});
