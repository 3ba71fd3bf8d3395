// The datagram layer at the bottom of the harness: one bound UDP socket, and the
// DatagramTransport interface that it and the DTLS transports (harness/dtls) offer to a CoAP endpoint.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { DatagramMark, ImpairmentEvent } from './impairment.ts';
import type { SecurityEventSink } from './security-events.ts';

export interface PeerAddress {
  address: string;
  port: number;
}

export interface DatagramTransport {
  readonly local: PeerAddress;
  /** Set when datagrams travel inside a security session; trace records are marked with it. */
  readonly security?: 'dtls';
  /** Sends one datagram to the peer; rejects when it cannot (socket error, no session). */
  send(bytes: Buffer, peer: PeerAddress): Promise<void>;
  /** Sends one datagram without a promise of the outcome: a failure reaches the onError listeners. */
  post?(bytes: Buffer, peer: PeerAddress): void;
  /**
   * The single receiver of incoming datagrams (plaintext for a security layer); `mark` says what
   * an impairment layer did to the datagram (delayed, duplicated, reordered) when it is that layer.
   */
  onDatagram(cb: (bytes: Buffer, peer: PeerAddress, mark?: DatagramMark) => void): void;
  onError(cb: (err: unknown) => void): void;
  /** Offered by the endpoint so a security layer reports its events in the endpoint's trace, under its name. */
  useTrace?(sink: SecurityEventSink, endpointName: string): void;
  /** Datagrams that are not DTLS at all from a peer without a session (never processed); returns an unsubscribe. */
  onUnprotected?(cb: (bytes: Buffer, peer: PeerAddress) => void): () => void;
  /** Offered when an impairment layer lies beneath (harness/transport/impairment.ts): what it does, as it decides; returns an unsubscribe. */
  onImpairment?(cb: (e: ImpairmentEvent) => void): () => void;
  close(): Promise<void>;
}

export interface UdpBindOptions {
  /** Default '127.0.0.1'; IPv6 addresses such as '::1' bind a udp6 socket. */
  address?: string;
  /** Default 0 (ephemeral). */
  port?: number;
}

/** Receive buffer asked of the system for each socket. */
const receiveBufferBytes = 4 << 20;

/** One bound UDP socket. */
export class UdpTransport implements DatagramTransport {
  readonly local: PeerAddress;
  private receiver?: (bytes: Buffer, peer: PeerAddress) => void;
  private readonly errorListeners = new Set<(err: unknown) => void>();
  private closed = false;

  private constructor(private readonly socket: dgram.Socket) {
    const addr = socket.address();
    this.local = { address: addr.address, port: addr.port };
    socket.on('message', (bytes, rinfo) => this.receiver?.(bytes, { address: rinfo.address, port: rinfo.port }));
    socket.on('error', (err) => {
      for (const cb of [...this.errorListeners]) cb(err);
    });
  }

  static async bind(opts: UdpBindOptions = {}): Promise<UdpTransport> {
    const address = opts.address ?? '127.0.0.1';
    const socket = dgram.createSocket({ type: isIPv6(address) ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        socket.close();
        reject(err);
      };
      socket.once('error', onError);
      socket.bind(opts.port ?? 0, address, () => {
        socket.off('error', onError);
        // Room for a burst from many peers at once (a registration storm: hundreds of Registers
        // in flight); the default (about 200 KB) drops them. The system caps it (rmem_max).
        try {
          socket.setRecvBufferSize(receiveBufferBytes);
        } catch {
          // kept at the system default
        }
        resolve();
      });
    });
    return new UdpTransport(socket);
  }

  send(bytes: Buffer, peer: PeerAddress): Promise<void> {
    if (this.closed) return Promise.reject(new Error('UDP socket closed'));
    return new Promise((resolve, reject) => {
      this.socket.send(bytes, peer.port, peer.address, (err) => (err ? reject(err) : resolve()));
    });
  }

  post(bytes: Buffer, peer: PeerAddress): void {
    if (this.closed) {
      for (const cb of [...this.errorListeners]) cb(new Error('UDP socket closed'));
      return;
    }
    this.socket.send(bytes, peer.port, peer.address, this.afterPost);
  }

  /** One callback for every posted datagram, made once. */
  private readonly afterPost = (err: Error | null): void => {
    if (err) for (const cb of [...this.errorListeners]) cb(err);
  };

  onDatagram(cb: (bytes: Buffer, peer: PeerAddress) => void): void {
    this.receiver = cb;
  }

  onError(cb: (err: unknown) => void): void {
    this.errorListeners.add(cb);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise<void>((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
