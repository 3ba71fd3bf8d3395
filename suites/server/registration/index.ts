// Registration-interface cases that test an LwM2M server (the harness plays the clients).
import int101 from './int-101-initial-registration.ts';
import int102 from './int-102-registration-update.ts';
import int103 from './int-103-deregistration.ts';
import int104 from './int-104-update-refreshes-lifetime.ts';
import int105 from './int-105-discarded-register-update.ts';
import int107 from './int-107-extending-lifetime.ts';
import int108 from './int-108-queue-mode.ts';
import int110 from './int-110-registration-with-profile-id.ts';
import int111 from './int-111-profile-id-and-object-list.ts';
import srv001 from './lwm2mc-srv-001-register-without-endpoint.ts';
import srv002 from './lwm2mc-srv-002-unsupported-version.ts';
import srv003 from './lwm2mc-srv-003-malformed-object-list.ts';
import srv004 from './lwm2mc-srv-004-reregister-replaces.ts';
import srv005 from './lwm2mc-srv-005-unknown-location.ts';
import srv006 from './lwm2mc-srv-006-nat-rebinding.ts';
import srv007 from './lwm2mc-srv-007-duplicate-register.ts';

export const serverRegistrationCases = [int101, int102, int103, int104, int105, int107, int108, int110, int111, srv001, srv002, srv003, srv004, srv005, srv006, srv007];
