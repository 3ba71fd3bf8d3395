// The Registration-interface cases that test an LwM2M client, in ETS order.
import int101 from './int-101-initial-registration.ts';
import int102 from './int-102-registration-update.ts';
import int103 from './int-103-deregistration.ts';
import int104 from './int-104-registration-update-trigger.ts';
import int105 from './int-105-discarded-register-update.ts';
import int107 from './int-107-extending-lifetime.ts';
import reg001 from './lwm2mc-reg-001-register-well-formed.ts';
import reg002 from './lwm2mc-reg-002-version-fallback.ts';

export const registrationCases = [int101, int102, int103, int104, int105, int107, reg001, reg002];
