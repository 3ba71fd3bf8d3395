// The Security cases that test an LwM2M client (DTLS channel security), ETS cases first.
import int401 from './int-401-psk.ts';
import int402 from './int-402-certificate.ts';
import int403 from './int-403-server-identity.ts';
import sec001 from './lwm2mc-sec-001-wrong-psk.ts';
import sec002 from './lwm2mc-sec-002-unknown-certificate.ts';
import sec003 from './lwm2mc-sec-003-endpoint-identity.ts';

export const securityCases = [int401, int402, int403, sec001, sec002, sec003];
