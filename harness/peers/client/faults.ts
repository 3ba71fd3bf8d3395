// Fault switches of the reference client: each one a known non-conformance seen in real
// devices. The project's own tests turn one on and prove that the case written to catch it fails.

export const clientFaults = {
  'register-lists-security-object': 'lists </0/0> (the Security object) in the Register object list',
  'register-without-version': 'omits the lwm2m= parameter from Register',
  'register-text-content-format': 'sends the Register object list as text/plain (Content-Format 0) instead of link format',
  'register-invalid-binding': 'registers with b=UQ, a 1.0 binding value, although it claims LwM2M 1.1',
  'register-wrong-endpoint': 'registers with an endpoint name other than the configured one',
  'ignore-lifetime-write': 'answers a write of /1/x/1 with 2.04 but sends no Update with the new lifetime',
  'no-periodic-update': 'never sends an Update before its lifetime ends',
  'update-trigger-ignored': 'answers Execute /1/x/8 with 2.04 but sends no Update',
  'update-trigger-with-params': 'sends lt= and b= in the Update that Execute /1/x/8 triggers',
  'disable-without-deregister': 'answers Execute /1/x/4 (Disable) with 2.04 but never de-registers',
  'no-reregister-after-not-found': 'after an Update answered 4.04, keeps sending Updates instead of registering again',
} as const;

export type ClientFault = keyof typeof clientFaults;

export function isClientFault(name: string): name is ClientFault {
  return Object.hasOwn(clientFaults, name);
}
