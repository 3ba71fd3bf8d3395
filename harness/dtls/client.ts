// DTLS client transport: one UDP socket and one session with one server. connect() completes the
// handshake (or rejects with DtlsHandshakeError); CoapEndpoint then runs over it unchanged, and
// the server's requests arrive over the same session, as LwM2M needs.
import { DtlsNoSessionError, DtlsSessionClosedError } from './errors.ts';
import { dtlsNative } from './native.ts';
import { clientConfigOptions, createNativeConfig } from './options.ts';
import type { ClientSecurity } from './options.ts';
import { DtlsSession } from './session.ts';
import type { SessionEnd, SessionInfo } from './session.ts';
import { DtlsTransportBase } from './transport-base.ts';
import type { EventOptions, SocketOptions } from './transport-base.ts';
import { UdpTransport } from '../transport/udp.ts';
import type { DatagramTransport, PeerAddress } from '../transport/udp.ts';

export interface DtlsClientOptions extends ClientSecurity, EventOptions, SocketOptions {
  /** Local address to bind; default '127.0.0.1' (or '::1' for an IPv6 peer). */
  address?: string;
  /** Local port; default 0 (ephemeral). */
  port?: number;
  /** The name the server certificate must carry (CN or subjectAltName); unchecked when absent. */
  serverName?: string;
  /** Limit for the handshake, retransmissions included. Default 30 000 ms. */
  handshakeTimeoutMs?: number;
  mtu?: number;
}

export class DtlsClientTransport extends DtlsTransportBase {
  readonly peer: PeerAddress;
  /** Set once the handshake completed. */
  info?: SessionInfo;

  private session?: DtlsSession;
  private readonly closeListeners = new Set<(why: string) => void>();
  private endReason?: string;
  private closed = false;

  private constructor(udp: DatagramTransport, peer: PeerAddress, opts: DtlsClientOptions) {
    super(udp, 'client', opts);
    this.peer = { ...peer };
  }

  /**
   * Binds a socket and runs the handshake with the server. Rejects with DtlsHandshakeError
   * (alert, certificate, timeout), DtlsConfigError or DtlsUnavailableError.
   */
  static async connect(peer: PeerAddress, opts: DtlsClientOptions): Promise<DtlsClientTransport> {
    const native = dtlsNative();
    const config = createNativeConfig(native, clientConfigOptions(opts));
    const socket = await UdpTransport.bind({
      address: opts.address ?? (peer.address.includes(':') ? '::1' : '127.0.0.1'),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
    });
    const udp = opts.wrapSocket ? opts.wrapSocket(socket) : socket;
    const t = new DtlsClientTransport(udp, peer, opts);
    const identity = opts.psk ? (typeof opts.psk.identity === 'string' ? Buffer.from(opts.psk.identity, 'utf8') : opts.psk.identity) : undefined;
    const session = new DtlsSession(
      native,
      config,
      { ...(opts.serverName !== undefined ? { hostname: opts.serverName } : {}), ...(opts.mtu ? { mtu: opts.mtu } : {}) },
      {
        role: 'client',
        peer: t.peer,
        handshakeDeadlineMs: opts.handshakeTimeoutMs ?? 30_000,
        ...(identity ? { pskIdentity: identity } : {}),
        sendDatagram: (d) => t.sendRecords(d, t.peer),
        deliver: (plaintext) => t.receiver?.(plaintext, { ...t.peer }),
        event: (e) => t.record(e, t.peer),
        opened: (info) => (t.info = info),
        ended: (end) => t.sessionEnded(end),
      },
    );
    t.session = session;
    udp.onDatagram((bytes, from) => {
      if (from.port === t.peer.port && from.address === t.peer.address) session.receive(bytes);
    });
    session.start();
    try {
      await session.ready;
    } catch (err) {
      await t.drain();
      await udp.close();
      throw err;
    }
    return t;
  }

  get isOpen(): boolean {
    return this.session?.isOpen ?? false;
  }

  send(bytes: Buffer, peer: PeerAddress): Promise<void> {
    if (peer.port !== this.peer.port || peer.address !== this.peer.address) {
      return Promise.reject(new DtlsNoSessionError(peer, `this client's session is with ${this.peer.address}:${this.peer.port}`));
    }
    if (!this.session?.isOpen) return Promise.reject(new DtlsSessionClosedError(this.peer, this.endReason ?? 'not open'));
    try {
      this.session.write(bytes);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The session ended after the handshake (close_notify from the server, fatal alert, local close). */
  onClose(cb: (why: string) => void): () => void {
    this.closeListeners.add(cb);
    return () => this.closeListeners.delete(cb);
  }

  /** Sends close_notify, then closes the socket. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.session?.close('client closed');
    this.closed = true;
    await this.drain();
    await this.udp.close();
  }

  /** Closes the socket without close_notify, leaving the server's session behind (a device reboot or NAT loss). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session?.discard('abandoned without close_notify');
    await this.udp.close();
  }

  private sessionEnded(end: SessionEnd): void {
    this.endReason = end.kind === 'failed' ? end.error.message : end.reason;
    if (!this.info) return; // handshake failure: connect() rejects
    for (const cb of [...this.closeListeners]) cb(this.endReason);
    if (end.kind === 'closed' && end.byPeer) this.reportError(new DtlsSessionClosedError(this.peer, end.reason));
  }
}
