// The datagram transport under a CoAP endpoint, chosen in one place: plain UDP without
// security, else a DTLS client session with one server or a DTLS server taking sessions
// (harness/dtls), which hands the endpoint decrypted datagrams and reports its handshake events
// into the endpoint's trace.
import { connectDtlsClient, DtlsServerTransport } from '../dtls/index.ts';
import type { ClientStackOptions, DtlsClientOptions, DtlsServerOptions } from '../dtls/index.ts';
import { UdpTransport, type DatagramTransport, type PeerAddress } from '../transport/udp.ts';
import { impaired, type DatagramImpairment } from '../transport/impairment.ts';
import type { SecurityEventSink } from '../transport/security-events.ts';

export { DtlsClientTransport, DtlsHandshakeError, DtlsServerTransport, JsDtlsClientTransport, identityText } from '../dtls/index.ts';
export { dtlsAvailability, dtlsCovers } from '../dtls/index.ts';
export type { DtlsAvailability, DtlsClient, KeyMaterial, SessionInfo } from '../dtls/index.ts';
export { UdpTransport } from '../transport/udp.ts';
export type { DatagramTransport, UdpBindOptions } from '../transport/udp.ts';
export type { DatagramImpairment, DatagramMark, ImpairmentEvent, ImpairmentKind } from '../transport/impairment.ts';

/**
 * DTLS client: the server to hold a session with; the handshake completes before the endpoint
 * exists. PSK runs on the JavaScript client where the addon is not built (harness/dtls/client-stack.ts).
 */
export type ClientEndpointSecurity = { role: 'client'; server: PeerAddress } & Omit<DtlsClientOptions, 'address' | 'port' | 'trace'> & ClientStackOptions;
/** DTLS server: sessions are taken from any client whose handshake succeeds. */
export type ServerEndpointSecurity = { role: 'server' } & Omit<DtlsServerOptions, 'address' | 'port' | 'trace'>;
export type EndpointSecurity = ClientEndpointSecurity | ServerEndpointSecurity;

export interface TransportOptions {
  /** Local address; default '127.0.0.1' ('::1' for a DTLS client of an IPv6 server). */
  address?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** The endpoint's name: a DTLS client reports its handshake under it (unless the security options name another). */
  name?: string;
  security?: EndpointSecurity;
  /** Network impairment between this endpoint and its peers, under DTLS when there is DTLS; its random streams are named by `name`. */
  impairment?: DatagramImpairment;
}

/**
 * Binds the transport an endpoint runs over. A DTLS client with a name reports its handshake
 * to `trace` as it happens; other DTLS events reach the trace when the endpoint hands it over.
 * Rejects with DtlsHandshakeError, DtlsConfigError or DtlsUnavailableError.
 */
export async function openTransport(opts: TransportOptions, trace: SecurityEventSink): Promise<DatagramTransport> {
  const at = { ...(opts.address !== undefined ? { address: opts.address } : {}), ...(opts.port !== undefined ? { port: opts.port } : {}) };
  const security = opts.security;
  const { impairment } = opts;
  const stream = impairment?.stream ?? opts.name ?? 'endpoint';
  if (!security) return impaired(await UdpTransport.bind(at), impairment, stream);
  const socket = impairment ? { wrapSocket: (udp: DatagramTransport) => impaired(udp, impairment, stream) } : {};
  if (security.role === 'server') {
    const { role: _role, ...dtls } = security;
    return DtlsServerTransport.bind({ ...dtls, ...at, ...socket });
  }
  const { role: _role, server, ...dtls } = security;
  const name = dtls.name ?? opts.name;
  return connectDtlsClient(server, { ...dtls, ...at, ...socket, ...(name !== undefined ? { name, trace } : {}) });
}
