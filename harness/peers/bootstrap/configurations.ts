// What a bootstrap server provisions to one client: Security, Server and Access Control
// instances. The ETS configurations as fixtures: C.13 (a bootstrap account and no server
// account on the client; provisioned with the C.1 server account) and C.14 (two server
// accounts, SSID 1 and 2, with an ACL), NoSec where the transport is plain CoAP, and server
// accounts secured with a PSK or certificates (int-1, int-2).
import type { LwM2mValue } from '../../lwm2m/value.ts';

export type ResourceValues = Record<number, LwM2mValue | Record<number, LwM2mValue>>;

export interface ProvisionedInstance {
  readonly object: 0 | 1 | 2;
  readonly instance: number;
  readonly values: ResourceValues;
}

export interface BootstrapConfiguration {
  /** Name shown in reports, e.g. 'C.13'. */
  readonly name: string;
  /** Bootstrap-Delete paths sent before the writes. */
  readonly deletes: readonly string[];
  readonly instances: readonly ProvisionedInstance[];
}

const empty = () => new Uint8Array();

/**
 * The credentials of a secured server account (Core Appendix E.1, Transport §5.2). PSK: the
 * identity (/0/x/3) and key (/0/x/5). Certificates: the client's certificate (/0/x/3), the
 * root that the server's certificate chains to (/0/x/4, Certificate Usage 2: trust anchor
 * assertion), the client's private key (/0/x/5), all DER, and the name the server's certificate
 * carries (/0/x/14, SNI).
 */
export type AccountSecurity =
  | { readonly mode: 'psk'; readonly identity: string; readonly key: Uint8Array }
  | { readonly mode: 'x509'; readonly certificate: Uint8Array; readonly trustAnchor: Uint8Array; readonly privateKey: Uint8Array; readonly serverName?: string };

/** The secret part of an account's credentials (/0/x/5), which traces and reports must never show. */
export function secretOf(security: AccountSecurity): Uint8Array {
  return security.mode === 'psk' ? security.key : security.privateKey;
}

/** Security Mode (/0/x/2) and credentials of an account: NoSec (3), PSK (0), Certificate (2). */
function securityValues(security: AccountSecurity | undefined): ResourceValues {
  if (!security) return { 2: 3, 3: empty(), 4: empty(), 5: empty() };
  if (security.mode === 'psk') return { 2: 0, 3: new Uint8Array(Buffer.from(security.identity, 'utf8')), 4: empty(), 5: security.key };
  const values: ResourceValues = { 2: 2, 3: security.certificate, 4: security.trustAnchor, 5: security.privateKey, 15: 2 };
  if (security.serverName) values[14] = security.serverName;
  return values;
}

/** A server account: Security /0/i and Server /1/j sharing one Short Server ID; NoSec without `security`. */
export function serverAccount(options: { uri: string; ssid: number; securityInstance: number; serverInstance: number; lifetimeS?: number; binding?: string; security?: AccountSecurity }): ProvisionedInstance[] {
  return [
    { object: 0, instance: options.securityInstance, values: { 0: options.uri, 1: false, ...securityValues(options.security), 10: options.ssid } },
    {
      object: 1,
      instance: options.serverInstance,
      // SRV-EXT (default pmin 1, pmax 10, disable timeout 86400) plus Mute Send, as a factory account would have.
      values: { 0: options.ssid, 1: options.lifetimeS ?? 86400, 2: 1, 3: 10, 5: 86400, 6: false, 7: options.binding ?? 'U', 23: false },
    },
  ];
}

/** The numbering of the C.1 server account: Security /0/0, Server /1/0, Short Server ID 1. */
export const c1ServerAccount = { securityInstance: 0, serverInstance: 0, ssid: 1 } as const;

/** C.13: the client starts with only its bootstrap account (Security instance 1); it gets the C.1 server account, secured with `security` when given. */
export function c13Configuration(serverUri: string, lifetimeS = 86400, security?: AccountSecurity): BootstrapConfiguration {
  return {
    name: 'C.13',
    deletes: ['/0', '/1'],
    instances: serverAccount({ uri: serverUri, ...c1ServerAccount, lifetimeS, ...(security ? { security } : {}) }),
  };
}

/** C.14: two server accounts (SSID 1 and 2) and an ACL giving server 1 the Device object. */
export function c14Configuration(serverUri: string, secondServerUri: string): BootstrapConfiguration {
  return {
    name: 'C.14',
    deletes: ['/0', '/1', '/2'],
    instances: [
      ...serverAccount({ uri: serverUri, ...c1ServerAccount }),
      ...serverAccount({ uri: secondServerUri, ssid: 2, securityInstance: 2, serverInstance: 1 }),
      { object: 2, instance: 0, values: { 0: 3, 1: 0, 2: { 1: 15, 2: 1 }, 3: 1 } },
    ],
  };
}
