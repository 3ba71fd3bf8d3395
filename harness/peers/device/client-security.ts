// DTLS for the reference device: its credentials (PSK or certificate), the server name it
// expects in the server's certificate, and the faults that weaken them on purpose. Turns them
// into the security of the endpoint that holds one DTLS client session.
import type { ClientEndpointSecurity, KeyMaterial } from '../../coap/transport.ts';
import { parseCoapUri, type CoapUri } from '../../coap/uri.ts';
import type { ClientFault } from './faults.ts';

export interface DeviceSecurity {
  psk?: { identity: string; key: Buffer };
  /** The device's certificate and key, and the root it trusts for the server's certificate. */
  certificate?: { cert: KeyMaterial; key: KeyMaterial; ca?: KeyMaterial };
  /** Name the server certificate must carry; default: the host of the server URI. */
  serverName?: string;
  ciphersuites?: readonly string[];
}

export type ServerLocation = CoapUri;

/** coap://host[:5683] or coaps://host[:5684]; `localhost` means 127.0.0.1. */
export function parseServerLocation(uri: string): ServerLocation {
  const location = parseCoapUri(uri);
  if (!location) throw new Error(`not a coap:// or coaps:// server URI: "${uri}"`);
  return location;
}

const isAddress = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** The DTLS session towards the server, with the device's security faults applied. */
export function dtlsClientOptions(
  security: DeviceSecurity,
  server: ServerLocation,
  has: (fault: ClientFault) => boolean,
): ClientEndpointSecurity {
  const serverName = security.serverName ?? (isAddress(server.host) ? undefined : server.host);
  const certificate = security.certificate
    ? { ...security.certificate, verifyServer: !has('accept-any-server-certificate') }
    : undefined;
  return {
    role: 'client',
    server: server.peer,
    ...(security.psk ? { psk: security.psk } : {}),
    ...(certificate ? { certificate } : {}),
    ...(serverName !== undefined && !has('ignore-server-name') ? { serverName } : {}),
    ...(security.ciphersuites ? { ciphersuites: security.ciphersuites } : {}),
    // Handshake retransmissions start at 1 s (RFC 6347); a refused handshake fails sooner.
    handshakeTimeoutMs: 10_000,
    name: 'device',
  };
}
