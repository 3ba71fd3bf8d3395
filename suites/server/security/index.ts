// Security cases that test an LwM2M server over DTLS (the harness's clients hold the profile's credentials).
import srv301 from './lwm2mc-srv-301-endpoint-bound-to-identity.ts';

export const serverSecurityCases = [srv301];
