// The Bootstrap-interface cases that test an LwM2M client, in ETS order, then our own.
import int0 from './int-0-client-initiated-bootstrap.ts';
import int1 from './int-1-bootstrap-full-psk.ts';
import int2 from './int-2-bootstrap-full-certificate.ts';
import int4 from './int-4-bootstrap-delete.ts';
import int5 from './int-5-server-initiated-bootstrap.ts';
import int6 from './int-6-bootstrap-sequence.ts';
import int7 from './int-7-fallback-to-bootstrap.ts';
import int8 from './int-8-bootstrap-read.ts';
import int9 from './int-9-configuration-consistency.ts';
import int12 from './int-12-bootstrap-pack.ts';
import bs001 from './lwm2mc-bs-001-delete-keeps-bootstrap-account.ts';
import bs002 from './lwm2mc-bs-002-bootstrap-account-undeletable.ts';
import bs003 from './lwm2mc-bs-003-write-answered-changed.ts';
import bs004 from './lwm2mc-bs-004-finish-refuses-inconsistency.ts';
import bs005 from './lwm2mc-bs-005-registers-with-given-configuration.ts';
import { int10, int11, int19, int3 } from './not-implemented.ts';

export const bootstrapCases = [int0, int1, int2, int3, int4, int5, int6, int7, int8, int9, int10, int11, int12, int19, bs001, bs002, bs003, bs004, bs005];
