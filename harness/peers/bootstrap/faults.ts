// Fault switches of the reference bootstrap server: each one a known non-conformance of
// bootstrap servers. The project's own tests turn one on and prove that the case written to
// catch it fails.

export const bootstrapFaults = {
  'unknown-endpoint-accepted': 'answers a Bootstrap-Request from an endpoint it has no configuration for with 2.04 instead of 4.00',
  'request-answered-created': 'answers a Bootstrap-Request with 2.01 instead of 2.04',
  'server-without-security': 'writes the Server instance but not the Security instance of the server account',
  'ssid-mismatch': 'writes a Security instance whose Short Server ID differs from the Server instance\'s',
  'overwrites-bootstrap-account': 'writes the server account into the Security instance that holds the client\'s bootstrap account',
  'rewrites-bootstrap-uri': 'writes the client\'s bootstrap account back, still a bootstrap account, with a Server URI of its own configuration',
  'discover-without-accept': 'sends its Bootstrap-Discover without Accept: application/link-format',
  'delete-resource-path': 'sends Bootstrap-Delete for a resource path (/0/x/0) instead of /, /o or /o/i',
  'no-finish': 'never sends Bootstrap-Finish',
  'pack-answered-changed': 'answers a Bootstrap-Pack-Request with 2.04 and no payload, as the ETS text of int-12 has it, instead of 2.05 Content',
} as const;

export type BootstrapFault = keyof typeof bootstrapFaults;

export function isBootstrapFault(name: string): name is BootstrapFault {
  return Object.hasOwn(bootstrapFaults, name);
}
