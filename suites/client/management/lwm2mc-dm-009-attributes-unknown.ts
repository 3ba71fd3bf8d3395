import { refusedAttributes } from './negative-steps.ts';

export default refusedAttributes({
  id: 'LWM2MC-DM-009', title: 'Write-Attributes with an unknown attribute is refused with 4.00', path: '/3/0/9', query: 'foo=1',
  purpose: 'The server writes foo=1 on /3/0/9; an attribute the TS does not define must be answered 4.00.',
});
