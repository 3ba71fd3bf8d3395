// Fault switches of the reference server: each a known non-conformance of LwM2M servers seen
// in the field. The project's own tests turn one on and prove that the server case written to
// catch it fails.

export const serverFaults = {
  'location-outside-rd': 'answers Register with a Location-Path outside /rd',
  'no-lifetime-expiry': 'never drops a registration whose lifetime passed',
  'update-does-not-refresh-lifetime': 'counts the lifetime from the Register only, not from the last Update',
  'update-ignores-lifetime': 'accepts lt= in an Update but keeps the old lifetime',
  'deregister-keeps-registration': 'answers De-register 2.02 but keeps the registration',
  'register-without-endpoint-accepted': 'accepts a Register without ep (inventing a name)',
  'any-version-accepted': 'accepts any lwm2m= version',
  'server-error-on-bad-link-format': 'answers 5.00 to an object list it cannot parse',
  'register-from-new-address-refused': 'refuses (4.03) a Register of a registered endpoint from another address or port',
  'reregister-keeps-old-registration': 'keeps the old registration when an endpoint registers again',
  'unknown-location-accepted': 'answers 2.04/2.02 to an Update or De-register on a location it never gave out',
  'read-accepts-json': 'asks for OMA JSON (Accept 11543) in Reads, a format the client did not announce',
  'write-without-content-format': 'sends Write requests without a Content-Format',
  'execute-with-tlv-body': 'sends Execute with a TLV body instead of text arguments',
  'observe-without-observe-option': 'sends an Observe request without the Observe option',
  'cancel-observe-new-token': 'cancels an observation with a new token',
  'no-rst-for-unsolicited-notifications': 'ignores a notification it never asked for instead of sending RST',
  'send-rejected': 'answers Send (POST /dp) with 4.05',
  'no-deduplication': 'processes a retransmitted Register (same message id) a second time',
  'discover-without-link-format-accept': 'sends Discover without Accept: application/link-format',
  'create-without-content-format': 'sends Create without a Content-Format',
  'delete-whole-object': 'deletes /o when asked to delete the instance /o/i',
  'queue-mode-ignored': 'sends requests to a queue-mode client while it sleeps',
  'endpoint-not-checked-against-identity': 'over DTLS, accepts a Register under any endpoint name, whatever identity the handshake authenticated',
  'profile-id-ignored': 'ignores the Profile ID (pid) of a Register: only the objects listed in the payload count',
  'profile-id-replaces-object-list': 'takes the objects of a known Profile ID and drops the ones the Register lists besides',
} as const;

export type ServerFault = keyof typeof serverFaults;

export function isServerFault(name: string): name is ServerFault {
  return Object.hasOwn(serverFaults, name);
}
