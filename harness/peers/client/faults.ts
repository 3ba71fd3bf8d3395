// Fault switches of the reference client: each one a known non-conformance seen in real
// devices. The project's own tests turn one on and prove that the case written to catch it fails.

export const clientFaults = {
  // Registration
  'register-lists-security-object': 'lists </0/0> (the Security object) in the Register object list',
  'register-unquoted-ct': 'lists several content formats as an unquoted ct=60 110 112 in the Register object list',
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
  // Device Management
  'ignore-accept': 'answers reads in its own default format whatever the Accept option asks for',
  'read-without-content-format': 'answers reads without a Content-Format option',
  'read-mandatory-only': 'leaves optional resources out of object and instance reads',
  'no-resource-instance-paths': 'answers 4.04 to any path naming a resource instance (/o/i/r/ri)',
  'write-ignored': 'answers writes with 2.04 but keeps the old values',
  'write-read-only': 'accepts writes to read-only resources',
  'write-any-content-format': 'parses a write in an unsupported Content-Format as text instead of answering 4.15',
  'write-unknown-resource': 'answers 2.04 to a write of a resource the object does not define',
  'replace-merges': 'a replacing write (PUT) of a multiple resource keeps the instances it did not name',
  'partial-update-replaces': 'a partial update (POST) of an instance removes the optional resources it did not name',
  'execute-anything': 'answers Execute on a non-executable resource with 2.04',
  'reboot-without-register': 'answers Execute /3/0/4 (Reboot) with 2.04 but neither reboots nor registers again',
  'security-object-readable': 'lets the management server read, write and set attributes on the Security object /0',
  'create-on-single-instance': 'answers Create on a single-instance object (e.g. /3) with 2.01',
  'create-overwrites-instance': 'a Create naming an existing instance replaces it instead of answering 4.00',
  'create-without-location': 'answers Create with 2.01 but no Location-Path',
  'create-ignored': 'answers Create with 2.01 but creates no instance',
  'delete-any-instance': 'answers Delete of a mandatory single instance (e.g. /3/0) with 2.02',
  'delete-ignored': 'answers Delete with 2.02 but keeps the instance',
  'discover-without-attributes': 'never shows attributes in Discover answers',
  'discover-without-dim': 'leaves dim= off multiple resources in Discover answers',
  'discover-ignores-depth': 'ignores the depth= query of Discover (LwM2M 1.2) and answers at the default depth',
  'execute-refuses-accept': 'answers an Execute that carries an Accept option with 4.06',
  'attributes-unchecked': 'accepts any Write-Attributes: unknown names, lt >= gt, gt/lt/st on non-numeric resources',
  'composite-all-or-nothing': 'answers a Read-Composite with 4.04 when one of its paths cannot be read',
  'composite-whole-objects': 'answers a Read-Composite with the whole objects of the requested paths',
  'composite-root-refused': 'answers a Read-Composite naming the root path / with 4.04',
  // Information Reporting
  'notify-ignores-pmax': 'sends no notification when pmax passes without a change',
  'notify-ignores-pmin': 'notifies a change at once, before pmin has passed',
  'notify-ignores-step': 'notifies every change, ignoring gt, lt and st',
  'notify-after-cancel': 'keeps notifying after an observation was cancelled by RST or by Observe=1',
  'attributes-frozen-at-observe': 'an observation keeps the attributes in force when it started; later Write-Attributes do not apply',
  'observe-ignores-query-attributes': 'ignores attributes given in the Observe request query (LwM2M 1.2)',
  'observe-composite-fixed-instances': 'an Observe-Composite reports only the object instances that existed when it started',
  'send-includes-security': 'puts /0/0/10 (Security object) into its Send payload',
  'send-without-content-format': 'sends POST /dp without a Content-Format option',
  'ignore-mute-send': 'keeps sending while Mute Send (/1/x/23) is true',
  // Security (DTLS)
  'accept-any-server-certificate': 'completes the DTLS handshake whatever certificate the server presents (no verification)',
  'ignore-server-name': 'does not check that the server certificate names the server it meant to reach',
  'nosec-fallback': 'when the DTLS handshake fails, registers over plain CoAP to the same address instead',
  // Bootstrap
  'no-client-initiated-bootstrap': 'never sends a Bootstrap-Request on its own when it has no server account',
  'bootstrap-write-created': 'answers Bootstrap-Write with 2.01 Created instead of 2.04 Changed',
  'bootstrap-discover-without-version': 'leaves lwm2m="1.x" out of its Bootstrap-Discover answers',
  'bootstrap-discover-without-ssid': 'leaves ssid= and uri= out of its Bootstrap-Discover answers',
  'bootstrap-read-refused': 'answers Bootstrap-Read of /1 and /2 with 4.05',
  'bootstrap-delete-everything': 'Bootstrap-Delete of / or /0 also removes the bootstrap account and /3/0',
  'bootstrap-account-deletable': 'answers a Bootstrap-Delete of the bootstrap account with 2.02 and removes it',
  'bootstrap-finish-unchecked': 'answers Bootstrap-Finish with 2.04 even without a usable server account',
  'bootstrap-trigger-ignored': 'answers Execute /1/x/9 (Bootstrap-Request Trigger) with 2.04 but never bootstraps',
  'bootstrap-lifetime-ignored': 'registers with its factory lifetime instead of the lifetime the bootstrap server wrote',
} as const;

export type ClientFault = keyof typeof clientFaults;

export function isClientFault(name: string): name is ClientFault {
  return Object.hasOwn(clientFaults, name);
}
