// DTLS client transport: one UDP socket and one session with one server. connect() completes the
// handshake (or rejects with DtlsHandshakeError); CoapEndpoint then runs over it unchanged, and
// the server's requests arrive over the same session, as LwM2M needs.
import type { NewSecurityEvent, PeerAddress } from '../coap/trace.ts';
import { TraceRecorder } from '../coap/trace.ts';
import { UdpTransport } from '../coap/transport.ts';
import type { DatagramTransport } from '../coap/transport.ts';
import { DtlsNoSessionError, DtlsSessionClosedError } from './errors.ts';
import { dtlsNative } from './native.ts';
import { clientConfigOptions, createNativeConfig } from './options.ts';
import type { ClientSecurity } from './options.ts';
import { DtlsSession } from './session.ts';
import type { SessionEnd, SessionEventInput, SessionInfo } from './session.ts';

export interface DtlsClientOptions extends ClientSecurity {
  /** Local address to bind; default '127.0.0.1' (or '::1' for an IPv6 peer). */
  address?: string;
  /** Local port; default 0 (ephemeral). */
  port?: number;
  /** The name the server certificate must carry (CN or subjectAltName); unchecked when absent. */
  serverName?: string;
  /** Limit for the handshake, retransmissions included. Default 30 000 ms. */
  handshakeTimeoutMs?: number;
  mtu?: number;
  /** Where handshake events go; without one they are kept and handed to the endpoint's trace. */
  trace?: TraceRecorder;
  name?: string;
}

export class DtlsClientTransport implements DatagramTransport {
  readonly security = 'dtls' as const;
  readonly local: PeerAddress;
  readonly peer: PeerAddress;
  name: string;
  /** Set once the handshake completed. */
  info?: SessionInfo;

  private trace?: TraceRecorder;
  private readonly early: NewSecurityEvent[] = [];
  private session?: DtlsSession;
  private receiver?: (bytes: Buffer, peer: PeerAddress) => void;
  private readonly errorListeners = new Set<(err: unknown) => void>();
  private readonly closeListeners = new Set<(why: string) => void>();
  private readonly sending = new Set<Promise<void>>();
  private endReason?: string;
  private closed = false;

  private constructor(private readonly udp: UdpTransport, peer: PeerAddress, private readonly opts: DtlsClientOptions) {
    this.local = udp.local;
    this.peer = { ...peer };
    if (opts.trace) this.trace = opts.trace;
    this.name = opts.name ?? `dtls-client@${this.local.address}:${this.local.port}`;
  }

  /**
   * Binds a socket and runs the handshake with the server. Rejects with DtlsHandshakeError
   * (alert, certificate, timeout), DtlsConfigError or DtlsUnavailableError.
   */
  static async connect(peer: PeerAddress, opts: DtlsClientOptions): Promise<DtlsClientTransport> {
    const native = dtlsNative();
    const config = createNativeConfig(native, clientConfigOptions(opts));
    const udp = await UdpTransport.bind({
      address: opts.address ?? (peer.address.includes(':') ? '::1' : '127.0.0.1'),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
    });
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
        sendDatagram: (d) => t.sendRecords(d),
        deliver: (plaintext) => t.receiver?.(plaintext, { ...t.peer }),
        event: (e) => t.record(e),
        opened: (info) => (t.info = info),
        ended: (end) => t.sessionEnded(end),
      },
    );
    t.session = session;
    udp.onDatagram((bytes, from) => {
      if (from.port === t.peer.port && from.address === t.peer.address) session.receive(bytes);
    });
    udp.onError((err) => t.reportError(err));
    session.start();
    try {
      await session.ready;
    } catch (err) {
      await Promise.allSettled([...t.sending]);
      await udp.close();
      throw err;
    }
    return t;
  }

  get isOpen(): boolean {
    return this.session?.isOpen ?? false;
  }

  useTrace(trace: TraceRecorder, endpointName: string): void {
    if (this.opts.trace) return;
    this.trace = trace;
    if (!this.opts.name) this.name = endpointName;
    for (const e of this.early.splice(0)) trace.recordEvent({ ...e, endpoint: this.name });
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

  onDatagram(cb: (bytes: Buffer, peer: PeerAddress) => void): void {
    this.receiver = cb;
  }

  onError(cb: (err: unknown) => void): void {
    this.errorListeners.add(cb);
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
    await Promise.allSettled([...this.sending]);
    await this.udp.close();
  }

  /** Closes the socket without close_notify, leaving the server's session behind (a device reboot or NAT loss). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session?.discard('abandoned without close_notify');
    await this.udp.close();
  }

  private sendRecords(datagram: Buffer): void {
    const p = this.udp.send(datagram, this.peer).catch((err) => this.reportError(err));
    this.sending.add(p);
    void p.finally(() => this.sending.delete(p));
  }

  private sessionEnded(end: SessionEnd): void {
    this.endReason = end.kind === 'failed' ? end.error.message : end.reason;
    if (!this.info) return; // handshake failure: connect() rejects
    for (const cb of [...this.closeListeners]) cb(this.endReason);
    if (end.kind === 'closed' && end.byPeer) this.reportError(new DtlsSessionClosedError(this.peer, end.reason));
  }

  private record(e: SessionEventInput): void {
    const full: NewSecurityEvent = { protocol: 'dtls', endpoint: this.name, role: 'client', local: this.local, remote: { ...this.peer }, ...e };
    if (this.trace) this.trace.recordEvent(full);
    else this.early.push({ ...full, atMs: performance.now(), wallTime: new Date().toISOString() });
  }

  private reportError(err: unknown): void {
    for (const cb of [...this.errorListeners]) {
      try {
        cb(err);
      } catch {
        // a faulty listener must not take the transport down
      }
    }
  }
}
