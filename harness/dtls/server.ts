// DTLS server transport: one UDP socket, one session per peer address (created on a ClientHello,
// with HelloVerifyRequest cookies), handshake deadline, idle timeout, least-recently-active
// eviction and close_notify. CoapEndpoint runs over it unchanged and sees plaintext datagrams.
import { DtlsNoSessionError } from './errors.ts';
import type { DtlsHandshakeError } from './errors.ts';
import { dtlsNative } from './native.ts';
import type { DtlsNative, NativeConfig } from './native.ts';
import { createNativeConfig, serverConfigOptions } from './options.ts';
import type { ServerSecurity } from './options.ts';
import { clientHelloOf, parseRecords } from './records.ts';
import { DtlsSession } from './session.ts';
import type { SessionInfo } from './session.ts';
import { DtlsTransportBase } from './transport-base.ts';
import type { EventOptions, SocketOptions } from './transport-base.ts';
import { UdpTransport } from '../transport/udp.ts';
import type { DatagramTransport, PeerAddress } from '../transport/udp.ts';

export interface DtlsServerOptions extends ServerSecurity, EventOptions, SocketOptions {
  /** Default '127.0.0.1'. */
  address?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Limit for one handshake, retransmissions included. Default 30 000 ms. */
  handshakeTimeoutMs?: number;
  /** An open session without traffic either way for this long is dropped. Default: never. */
  idleTimeoutMs?: number;
  /** Sessions kept at once; the least recently active one is evicted for a new peer. Default 1000. */
  maxSessions?: number;
  /** Path MTU for handshake fragmentation. Default: mbedTLS's (no fragmentation). */
  mtu?: number;
}

export type ServerSessionEvent =
  | { kind: 'established'; peer: PeerAddress; info: SessionInfo; renewed: boolean }
  | { kind: 'failed'; peer: PeerAddress; error: DtlsHandshakeError }
  | { kind: 'closed'; peer: PeerAddress; reason: string; byPeer: boolean };

function keyOf(p: PeerAddress): string {
  return `${p.address}|${p.port}`;
}

export class DtlsServerTransport extends DtlsTransportBase {
  private readonly sessions = new Map<string, DtlsSession>();
  private readonly sessionListeners = new Set<(e: ServerSessionEvent) => void>();
  private readonly unprotectedListeners = new Set<(bytes: Buffer, peer: PeerAddress) => void>();
  private readonly idleSweep?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    udp: DatagramTransport,
    private readonly native: DtlsNative,
    private config: NativeConfig,
    private readonly opts: DtlsServerOptions,
  ) {
    super(udp, 'server', opts);
    udp.onDatagram((bytes, peer) => this.onRecordDatagram(bytes, peer));
    if (opts.idleTimeoutMs !== undefined) {
      const idle = opts.idleTimeoutMs;
      this.idleSweep = setInterval(() => this.sweepIdle(idle), Math.max(10, Math.min(idle / 4, 1000)));
      this.idleSweep.unref();
    }
  }

  /**
   * Binds the UDP socket; throws DtlsUnavailableError without the addon, DtlsConfigError on bad
   * credentials. (`override`: a class's static bind() shadows Function.prototype.bind.)
   */
  static override async bind(opts: DtlsServerOptions): Promise<DtlsServerTransport> {
    const native = dtlsNative();
    const config = createNativeConfig(native, serverConfigOptions(opts));
    const socket = await UdpTransport.bind({
      ...(opts.address !== undefined ? { address: opts.address } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
    });
    return new DtlsServerTransport(opts.wrapSocket ? opts.wrapSocket(socket) : socket, native, config, opts);
  }

  /** Encrypts and sends a datagram to a peer with an open session. */
  send(bytes: Buffer, peer: PeerAddress): Promise<void> {
    const session = this.sessions.get(keyOf(peer));
    if (!session || !session.isOpen) return Promise.reject(new DtlsNoSessionError(peer, session?.state ?? 'no session'));
    try {
      session.write(bytes);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Sessions established, renewed, failed or closed; returns an unsubscribe. */
  onSession(cb: (e: ServerSessionEvent) => void): () => void {
    this.sessionListeners.add(cb);
    return () => this.sessionListeners.delete(cb);
  }

  /**
   * Datagrams from a peer without a session that are not DTLS at all (e.g. plain CoAP from a
   * client that gave up on security); they are never processed, but tests want to see them.
   */
  onUnprotected(cb: (bytes: Buffer, peer: PeerAddress) => void): () => void {
    this.unprotectedListeners.add(cb);
    return () => this.unprotectedListeners.delete(cb);
  }

  /**
   * Credentials for handshakes that start from now on (open sessions keep theirs): lets a test
   * present another certificate or key on the same address. Throws DtlsConfigError.
   */
  useSecurity(security: ServerSecurity): void {
    this.config = createNativeConfig(this.native, serverConfigOptions(security));
  }

  /** The open session with a peer (identity, cipher suite, peer certificate), if any. */
  sessionInfo(peer: PeerAddress): SessionInfo | undefined {
    const s = this.sessions.get(keyOf(peer));
    return s?.isOpen ? s.info : undefined;
  }

  openSessions(): SessionInfo[] {
    return [...this.sessions.values()].filter((s) => s.isOpen && s.info).map((s) => s.info!);
  }

  /** Sends close_notify to a peer and forgets its session. */
  closeSession(peer: PeerAddress, reason = 'closed locally'): void {
    this.sessions.get(keyOf(peer))?.close(reason);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const s of [...this.sessions.values()]) s.close('server closed');
    this.closed = true;
    if (this.idleSweep) clearInterval(this.idleSweep);
    await this.drain(); // let the close_notify records leave
    await this.udp.close();
  }

  private onRecordDatagram(bytes: Buffer, peer: PeerAddress): void {
    if (this.closed) return;
    try {
      const key = keyOf(peer);
      let session = this.sessions.get(key);
      const first = parseRecords(bytes)[0];
      const hello = first ? clientHelloOf(first) : undefined;
      // A different ClientHello while still handshaking: the client started over.
      if (session && hello && session.state === 'handshaking' && session.clientRandom && !session.clientRandom.equals(hello.random)) {
        session.discard('the client started a new handshake');
        session = undefined;
      }
      if (!session) {
        if (!hello) {
          // Not for any session; nothing to answer. A CoAP header (version 1) is reported.
          if (!first && bytes.length >= 4 && bytes[0]! >> 6 === 1) for (const cb of [...this.unprotectedListeners]) cb(bytes, { ...peer });
          return;
        }
        session = this.newSession(peer);
      }
      session.receive(bytes);
    } catch (err) {
      this.reportError(err);
    }
  }

  private newSession(peer: PeerAddress): DtlsSession {
    const max = this.opts.maxSessions ?? 1000;
    if (this.sessions.size >= max) this.evictLeastRecentlyActive();
    const key = keyOf(peer);
    const remote = { ...peer };
    const session: DtlsSession = new DtlsSession(
      this.native,
      this.config,
      { transportId: Buffer.from(key, 'utf8'), ...(this.opts.mtu ? { mtu: this.opts.mtu } : {}) },
      {
        role: 'server',
        peer: remote,
        handshakeDeadlineMs: this.opts.handshakeTimeoutMs ?? 30_000,
        sendDatagram: (d) => this.sendRecords(d, remote),
        deliver: (plaintext) => this.receiver?.(plaintext, { ...remote }),
        event: (e) => this.record(e, remote),
        opened: (info, renewed) => this.notify({ kind: 'established', peer: remote, info, renewed }),
        ended: (end) => {
          if (this.sessions.get(key) === session) this.sessions.delete(key);
          this.notify(end.kind === 'failed' ? { kind: 'failed', peer: remote, error: end.error } : { kind: 'closed', peer: remote, reason: end.reason, byPeer: end.byPeer });
        },
      },
    );
    this.sessions.set(key, session);
    return session;
  }

  private evictLeastRecentlyActive(): void {
    let oldest: DtlsSession | undefined;
    for (const s of this.sessions.values()) if (!oldest || s.lastActivity < oldest.lastActivity) oldest = s;
    oldest?.discard(`evicted: more than ${this.opts.maxSessions ?? 1000} sessions`);
  }

  private sweepIdle(idleMs: number): void {
    const now = performance.now();
    for (const s of [...this.sessions.values()]) if (s.isOpen && now - s.lastActivity >= idleMs) s.close(`idle for ${idleMs} ms`);
  }

  private notify(e: ServerSessionEvent): void {
    for (const cb of [...this.sessionListeners]) {
      try {
        cb(e);
      } catch (err) {
        this.reportError(err);
      }
    }
  }
}
