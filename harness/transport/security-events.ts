// What the DTLS layer reports while it works: handshake and session events with addresses,
// cipher suites, identities and alerts, never keys or secrets. The layer hands them to a sink
// (the CoAP endpoint's trace, which numbers them alongside its datagrams).
import type { PeerAddress } from './udp.ts';

export type SecurityEventKind =
  | 'client-hello' // a ClientHello was received (server) or sent (client)
  | 'hello-verify' // the server answered with a HelloVerifyRequest (cookie exchange)
  | 'handshake-done'
  | 'handshake-failed'
  | 'alert' // an alert sent or received
  | 'session-renewed' // a new handshake from a known address replaced the session
  | 'session-closed'; // close_notify, idle timeout, eviction or local close

export interface SecurityAlert {
  level: 'warning' | 'fatal' | 'unknown';
  /** Alert number (RFC 5246 §7.2); undefined when the alert was encrypted and not readable. */
  description?: number;
  /** e.g. 'unknown_psk_identity'. */
  name: string;
}

/** A handshake or session event as the DTLS layer reports it. Never carries keys or secrets. */
export interface DtlsEvent {
  protocol: 'dtls';
  kind: SecurityEventKind;
  /** Name of the endpoint (or transport) the session belongs to. */
  endpoint: string;
  role: 'client' | 'server';
  local: PeerAddress;
  remote: PeerAddress;
  direction?: 'in' | 'out';
  /** One line for humans, e.g. 'cipher TLS_PSK_WITH_AES_128_CCM_8, identity "dev1"'. */
  detail: string;
  offeredCipherSuites?: string[];
  cipherSuite?: string;
  /** PSK identity as text when printable, else hex. */
  identity?: string;
  peerCertificate?: { subject?: string; issuer?: string };
  alert?: SecurityAlert;
  /** Why a handshake failed or a session closed. */
  reason?: string;
  /** Monotonic time it happened (performance.now()); default: when the sink receives it. */
  atMs?: number;
  /** ISO wall-clock time; default: when the sink receives it. */
  wallTime?: string;
}

/** Where a DTLS transport reports its events; a TraceRecorder is one. */
export interface SecurityEventSink {
  recordEvent(e: DtlsEvent): unknown;
}
