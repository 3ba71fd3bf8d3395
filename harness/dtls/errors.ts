// Typed errors of the DTLS layer. Messages name peers, alerts and causes, never key material.
import type { SecurityAlert } from '../transport/security-events.ts';
import type { PeerAddress } from '../transport/udp.ts';

export class DtlsError extends Error {
  override name = 'DtlsError';
}

/** The addon is missing (not built, or libmbedtls absent at build or run time). */
export class DtlsUnavailableError extends DtlsError {
  override name = 'DtlsUnavailableError';
  readonly debianPackage = 'libmbedtls-dev';
  constructor(override readonly cause: string) {
    super(
      'DTLS is unavailable: the native addon is not built. Install the Debian package libmbedtls-dev ' +
        `(apt-get install -y libmbedtls-dev), then run npm rebuild. (${cause})`,
    );
  }
}

/** Invalid security configuration: unknown cipher suite, unreadable certificate or key. */
export class DtlsConfigError extends DtlsError {
  override name = 'DtlsConfigError';
}

export type HandshakeFailure =
  | 'alert-received' // the peer sent a fatal alert
  | 'alert-sent' // we refused the peer and told it so
  | 'certificate' // the peer's certificate did not verify (includes server-name mismatch)
  | 'timeout' // no (complete) answer within the handshake deadline
  | 'closed' // closed locally or replaced before completion
  | 'error'; // any other protocol error

export interface HandshakeFailureDetails {
  peer: PeerAddress;
  role: 'client' | 'server';
  reason: HandshakeFailure;
  alert?: SecurityAlert & { direction: 'in' | 'out' };
  /** mbedTLS error code and text, when the library reported one. */
  libraryCode?: number;
  libraryText?: string;
  /** Certificate verification problems, e.g. 'The certificate Common Name (CN) does not match with the expected CN'. */
  verification?: string;
}

export class DtlsHandshakeError extends DtlsError {
  override name = 'DtlsHandshakeError';
  readonly peer: PeerAddress;
  readonly role: 'client' | 'server';
  readonly reason: HandshakeFailure;
  readonly alert?: SecurityAlert & { direction: 'in' | 'out' };
  readonly libraryCode?: number;
  readonly libraryText?: string;
  readonly verification?: string;
  constructor(d: HandshakeFailureDetails, summary: string) {
    super(`DTLS handshake with ${d.peer.address}:${d.peer.port} failed: ${summary}`);
    this.peer = d.peer;
    this.role = d.role;
    this.reason = d.reason;
    if (d.alert) this.alert = d.alert;
    if (d.libraryCode !== undefined) this.libraryCode = d.libraryCode;
    if (d.libraryText !== undefined) this.libraryText = d.libraryText;
    if (d.verification !== undefined) this.verification = d.verification;
  }
}

/** Sending to a peer without an open session (server: none for that address; client: closed). */
export class DtlsNoSessionError extends DtlsError {
  override name = 'DtlsNoSessionError';
  constructor(readonly peer: PeerAddress, state: string) {
    super(`no open DTLS session with ${peer.address}:${peer.port} (${state})`);
  }
}

/** The session ended after the handshake (close_notify, fatal alert, idle timeout). */
export class DtlsSessionClosedError extends DtlsError {
  override name = 'DtlsSessionClosedError';
  constructor(readonly peer: PeerAddress, readonly why: string) {
    super(`DTLS session with ${peer.address}:${peer.port} closed: ${why}`);
  }
}
