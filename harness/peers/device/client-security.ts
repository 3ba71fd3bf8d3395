// DTLS for the reference device: its credentials (PSK or certificate), the server name it
// expects in the server's certificate, and the faults that weaken them on purpose. Turns them
// into the options of one DTLS client session.
import type { DtlsClientOptions, KeyMaterial } from '../../dtls/index.ts';
import type { PeerAddress } from '../../coap/trace.ts';
import type { ClientFault } from './faults.ts';

export interface DeviceSecurity {
  psk?: { identity: string; key: Buffer };
  /** The device's certificate and key, and the root it trusts for the server's certificate. */
  certificate?: { cert: KeyMaterial; key: KeyMaterial; ca?: KeyMaterial };
  /** Name the server certificate must carry; default: the host of the server URI. */
  serverName?: string;
  ciphersuites?: readonly string[];
}

export interface ServerLocation {
  peer: PeerAddress;
  secure: boolean;
  /** The host as written in the URI (a name or an address). */
  host: string;
}

/** coap://host[:5683] or coaps://host[:5684]; `localhost` means 127.0.0.1. */
export function parseServerLocation(uri: string): ServerLocation {
  const match = /^(coaps?):\/\/(\[[0-9a-fA-F:.]+\]|[^:/\[\]]+)(?::(\d+))?\/?$/.exec(uri);
  if (!match) throw new Error(`not a coap:// or coaps:// server URI: "${uri}"`);
  const secure = match[1] === 'coaps';
  const host = match[2]!.replace(/^\[|\]$/g, '');
  const port = match[3] ? Number(match[3]) : secure ? 5684 : 5683;
  return { peer: { address: host === 'localhost' ? '127.0.0.1' : host, port }, secure, host };
}

const isAddress = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** Options of the DTLS session towards the server, with the device's security faults applied. */
export function dtlsClientOptions(
  security: DeviceSecurity,
  server: ServerLocation,
  has: (fault: ClientFault) => boolean,
  local: { address: string },
): DtlsClientOptions {
  const serverName = security.serverName ?? (isAddress(server.host) ? undefined : server.host);
  const certificate = security.certificate
    ? { ...security.certificate, verifyServer: !has('accept-any-server-certificate') }
    : undefined;
  return {
    address: local.address,
    ...(security.psk ? { psk: security.psk } : {}),
    ...(certificate ? { certificate } : {}),
    ...(serverName !== undefined && !has('ignore-server-name') ? { serverName } : {}),
    ...(security.ciphersuites ? { ciphersuites: security.ciphersuites } : {}),
    // Handshake retransmissions start at 1 s (RFC 6347); a refused handshake fails sooner.
    handshakeTimeoutMs: 10_000,
    name: 'device',
  };
}
