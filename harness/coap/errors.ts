// Typed failures of CoAP exchanges, so callers and test verdicts can tell a silent peer from a
// reset, a closed endpoint or a broken block-wise transfer.
import type { PeerAddress } from './trace.ts';

export class CoapError extends Error {
  override name = 'CoapError';
}

/** No ACK after MAX_RETRANSMIT retransmissions, or no (separate) response before the deadline. */
export class CoapTimeoutError extends CoapError {
  override name = 'CoapTimeoutError';
  constructor(
    /** What was sent, e.g. 'CON GET /rd'. */
    readonly request: string,
    readonly peer: PeerAddress,
    /** 'ack': retransmissions exhausted; 'response': ACKed (or NON) but no response in time. */
    readonly kind: 'ack' | 'response',
    /** How long the endpoint waited, in ms. */
    readonly deadlineMs: number,
    /** 'ack': how many times the request was sent. */
    readonly transmissions?: number,
  ) {
    super(
      kind === 'ack'
        ? `${request} to ${formatPeer(peer)}: no ACK or response after all retransmissions (${Math.round(deadlineMs)} ms)`
        : `${request} to ${formatPeer(peer)}: no response within ${Math.round(deadlineMs)} ms`,
    );
  }
}

/** The peer answered with RST. */
export class CoapResetError extends CoapError {
  override name = 'CoapResetError';
  constructor(readonly request: string, readonly peer: PeerAddress) {
    super(`${request} to ${formatPeer(peer)}: peer answered with RST`);
  }
}

/** The endpoint was closed while the exchange was pending (or before it started). */
export class CoapClosedError extends CoapError {
  override name = 'CoapClosedError';
  constructor(readonly request: string) {
    super(`${request}: endpoint closed`);
  }
}

/** Too many requests in flight or queued on this endpoint. */
export class CoapBusyError extends CoapError {
  override name = 'CoapBusyError';
  constructor(readonly request: string, readonly limit: number) {
    super(`${request}: more than ${limit} requests pending on this endpoint`);
  }
}

/** A block-wise transfer could not be completed (inconsistent blocks, too large, refused). */
export class CoapBlockwiseError extends CoapError {
  override name = 'CoapBlockwiseError';
  constructor(readonly request: string, readonly detail: string) {
    super(`${request}: block-wise transfer failed: ${detail}`);
  }
}

export function formatPeer(peer: PeerAddress): string {
  return peer.address.includes(':') ? `[${peer.address}]:${peer.port}` : `${peer.address}:${peer.port}`;
}
