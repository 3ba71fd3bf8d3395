// DTLS client transport over node-dtls-client, a DTLS 1.2 client written in JavaScript: PSK only,
// no handshake retransmission. It stands in for the addon's client when the addon is not built,
// so that simulated clients can test a coaps:// server on a machine without a compiler. It
// offers what DtlsClientTransport offers and reports the same security events, read from the
// records that pass the harness's socket (the library itself tells only connected, error, close).
import type { dtls } from 'node-dtls-client';
import { DtlsConfigError, DtlsHandshakeError, DtlsNoSessionError, DtlsSessionClosedError } from './errors.ts';
import type { HandshakeFailureDetails } from './errors.ts';
import { createLibrarySocket, LibraryFacingSocket, loadLibrary } from './js-client-socket.ts';
import { cipherSuiteName, describeAlert, formatAlert, identityText } from './names.ts';
import { pskCipherSuites } from './options.ts';
import { alertOf, clientHelloOf, handshakeTypeOf, parseRecords, serverHelloSuiteOf } from './records.ts';
import { clientHelloEvent } from './session.ts';
import type { SessionInfo } from './session.ts';
import { DtlsTransportBase } from './transport-base.ts';
import type { DtlsClientOptions } from './client.ts';
import type { SecurityAlert } from '../transport/security-events.ts';
import { UdpTransport } from '../transport/udp.ts';
import type { DatagramTransport, PeerAddress } from '../transport/udp.ts';

/** The PSK suites node-dtls-client implements (IANA names). */
export const jsClientCipherSuites: readonly string[] = Object.freeze([
  'TLS_PSK_WITH_AES_128_CCM_8', 'TLS_PSK_WITH_AES_256_CCM_8', 'TLS_PSK_WITH_AES_128_CCM', 'TLS_PSK_WITH_AES_256_CCM',
  'TLS_PSK_WITH_AES_128_GCM_SHA256', 'TLS_PSK_WITH_AES_256_GCM_SHA384', 'TLS_PSK_WITH_AES_128_CBC_SHA256',
  'TLS_PSK_WITH_AES_256_CBC_SHA384', 'TLS_PSK_WITH_AES_128_CBC_SHA', 'TLS_PSK_WITH_AES_256_CBC_SHA',
]);

const HELLO_VERIFY_REQUEST = 3;

export class JsDtlsClientTransport extends DtlsTransportBase {
  readonly peer: PeerAddress;
  /** Set once the handshake completed. */
  info?: SessionInfo;
  /** Which DTLS implementation carries the session. */
  readonly stack = 'js' as const;

  private library?: dtls.Socket;
  private facing?: LibraryFacingSocket;
  private chosenSuite?: number;
  private lastAlertIn?: SecurityAlert;
  private lastAlertOut?: SecurityAlert;
  private readonly closeListeners = new Set<(why: string) => void>();
  private endReason?: string;
  private closing = false;
  private closed = false;

  private constructor(udp: DatagramTransport, peer: PeerAddress, opts: DtlsClientOptions) {
    super(udp, 'client', opts);
    this.peer = { ...peer };
  }

  /**
   * Binds a socket and runs a PSK handshake with the server. Rejects with DtlsConfigError
   * (certificates, a suite the library lacks) or DtlsHandshakeError (alert, timeout).
   */
  static async connect(peer: PeerAddress, opts: DtlsClientOptions): Promise<JsDtlsClientTransport> {
    if (opts.certificate || !opts.psk) throw new DtlsConfigError('the JavaScript DTLS client does PSK only: certificates need the native addon (libmbedtls-dev)');
    const suites = opts.ciphersuites ?? pskCipherSuites;
    const unsupported = suites.filter((s) => !jsClientCipherSuites.includes(s));
    if (unsupported.length) throw new DtlsConfigError(`the JavaScript DTLS client does not implement ${unsupported.join(', ')}`);
    const socket = await UdpTransport.bind({
      address: opts.address ?? (peer.address.includes(':') ? '::1' : '127.0.0.1'),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
    });
    const udp = opts.wrapSocket ? opts.wrapSocket(socket) : socket;
    const t = new JsDtlsClientTransport(udp, peer, opts);
    try {
      await t.handshake(opts.psk, suites, opts.handshakeTimeoutMs ?? 30_000);
    } catch (err) {
      t.closed = true;
      await t.drain();
      await udp.close();
      throw err;
    }
    return t;
  }

  get isOpen(): boolean {
    return this.info !== undefined && !this.closing && !this.closed && this.endReason === undefined;
  }

  send(bytes: Buffer, peer: PeerAddress): Promise<void> {
    if (peer.port !== this.peer.port || peer.address !== this.peer.address) {
      return Promise.reject(new DtlsNoSessionError(peer, `this client's session is with ${this.peer.address}:${this.peer.port}`));
    }
    if (!this.isOpen || !this.library) return Promise.reject(new DtlsSessionClosedError(this.peer, this.endReason ?? 'not open'));
    try {
      this.library.send(bytes);
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
    if (this.isOpen && this.library) {
      this.closing = true;
      this.record({ kind: 'alert', direction: 'out', alert: describeAlert(1, 0), detail: 'sent warning alert close_notify (0)' }, this.peer);
      this.library.close();
      this.ended('client closed', false);
    }
    this.closed = true;
    await this.drain();
    await this.udp.close();
  }

  /** Closes the socket without close_notify, leaving the server's session behind (a device reboot or NAT loss). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.facing?.close();
    if (this.info && !this.endReason) this.ended('abandoned without close_notify', false);
    await this.udp.close();
  }

  private async handshake(psk: NonNullable<DtlsClientOptions['psk']>, suites: readonly string[], timeoutMs: number): Promise<void> {
    const dtlsLibrary = await loadLibrary();
    const identity = typeof psk.identity === 'string' ? Buffer.from(psk.identity, 'utf8') : psk.identity;
    this.facing = new LibraryFacingSocket(this.local, (d) => {
      this.inspect(d, 'out');
      this.sendRecords(d, this.peer);
    });
    this.udp.onDatagram((bytes, from) => {
      if (from.port !== this.peer.port || from.address !== this.peer.address) return;
      this.inspect(bytes, 'in');
      this.facing?.deliver(bytes, from);
    });
    return new Promise<void>((resolve, reject) => {
      // The library keys its PSK table by identity text and writes it back as single bytes: latin1 round-trips any identity.
      const library = createLibrarySocket(dtlsLibrary, {
        type: this.peer.address.includes(':') ? 'udp6' : 'udp4',
        address: this.peer.address,
        port: this.peer.port,
        psk: { [identity.toString('latin1')]: psk.key },
        timeout: timeoutMs,
        ciphers: [...suites] as dtls.Options['ciphers'],
      }, this.facing!);
      this.library = library;
      library.on('connected', () => {
        this.opened(identity);
        resolve();
      });
      library.on('message', (plaintext: Buffer) => this.receiver?.(plaintext, { ...this.peer }));
      library.on('error', (err: Error) => {
        if (!this.info) reject(this.failed(err, timeoutMs));
        else this.sessionFailed(err);
      });
      library.on('close', () => {
        if (this.info && !this.closing && !this.closed && !this.endReason) this.closedByPeer();
      });
    });
  }

  /** Reads what the trace shows from the plaintext parts of the records: ClientHello, ServerHello, HelloVerifyRequest, alerts. */
  private inspect(datagram: Buffer, direction: 'in' | 'out'): void {
    for (const record of parseRecords(datagram)) {
      const hello = direction === 'out' ? clientHelloOf(record) : undefined;
      if (hello) this.record(clientHelloEvent(hello, 'out'), this.peer);
      if (direction === 'in' && handshakeTypeOf(record) === HELLO_VERIFY_REQUEST) {
        this.record({ kind: 'hello-verify', direction: 'in', detail: 'received HelloVerifyRequest (cookie exchange)' }, this.peer);
      }
      const suite = direction === 'in' ? serverHelloSuiteOf(record) : undefined;
      if (suite !== undefined) this.chosenSuite = suite;
      const alert = alertOf(record);
      if (alert?.description === undefined) continue; // encrypted: told by what the library does next
      const described = describeAlert(alert.level, alert.description);
      if (direction === 'in') this.lastAlertIn = described;
      else this.lastAlertOut = described;
      this.record({ kind: 'alert', direction, alert: described, detail: `${direction === 'in' ? 'received' : 'sent'} ${formatAlert(described)}` }, this.peer);
    }
  }

  private opened(identity: Buffer): void {
    const cipherSuite = this.chosenSuite !== undefined ? cipherSuiteName(this.chosenSuite) : 'unknown';
    this.info = { peer: { ...this.peer }, cipherSuite, version: 'DTLSv1.2', pskIdentity: identity, establishedAt: performance.now() };
    this.record({
      kind: 'handshake-done', cipherSuite, identity: identityText(identity),
      detail: `handshake done: cipher ${cipherSuite}, identity "${identityText(identity)}"`,
    }, this.peer);
  }

  private failed(err: Error, timeoutMs: number): DtlsHandshakeError {
    const d: HandshakeFailureDetails = { peer: { ...this.peer }, role: 'client', reason: 'error', libraryText: err.message };
    let summary = err.message;
    const alertName = /received fatal alert: (\w+)/.exec(err.message)?.[1];
    if (alertName !== undefined) {
      const alert = this.lastAlertIn?.name === alertName ? this.lastAlertIn : { level: 'fatal' as const, name: alertName };
      d.reason = 'alert-received';
      d.alert = { ...alert, direction: 'in' };
      summary = `the peer sent ${formatAlert(alert)}`;
    } else if (/timed out/.test(err.message)) {
      d.reason = 'timeout';
      // Without retransmission a lost flight waits out the deadline; a server that cannot decrypt the Finished (a wrong PSK) stays silent too.
      summary = `no completed handshake within ${timeoutMs} ms`;
    } else if (this.lastAlertOut?.level === 'fatal') {
      d.reason = 'alert-sent';
      d.alert = { ...this.lastAlertOut, direction: 'out' };
      summary = `refused with ${formatAlert(this.lastAlertOut)}`;
    }
    const event = { kind: 'handshake-failed' as const, reason: summary, detail: `handshake failed: ${summary}` };
    this.record(d.alert ? { ...event, alert: { level: d.alert.level, name: d.alert.name, ...(d.alert.description !== undefined ? { description: d.alert.description } : {}) } } : event, this.peer);
    this.endReason = summary;
    return new DtlsHandshakeError(d, summary);
  }

  private sessionFailed(err: Error): void {
    const alertName = /received fatal alert: (\w+)/.exec(err.message)?.[1];
    if (alertName !== undefined) {
      const alert: SecurityAlert = { level: 'fatal', name: alertName };
      this.record({ kind: 'alert', direction: 'in', alert, detail: `received ${formatAlert(alert)}` }, this.peer);
    }
    const reason = alertName !== undefined ? `the peer sent fatal alert ${alertName}` : err.message;
    this.record({ kind: 'session-closed', reason, detail: `session failed: ${reason}` }, this.peer);
    this.ended(reason, alertName !== undefined, true);
  }

  private closedByPeer(): void {
    // The library answers close_notify with its own before it lets the socket go.
    this.record({ kind: 'alert', direction: 'in', alert: describeAlert(1, 0), detail: 'received close_notify' }, this.peer);
    this.record({ kind: 'alert', direction: 'out', alert: describeAlert(1, 0), detail: 'sent warning alert close_notify (0)' }, this.peer);
    this.ended('peer sent close_notify', true);
  }

  private ended(reason: string, byPeer: boolean, silent = false): void {
    if (this.endReason !== undefined) return;
    this.endReason = reason;
    if (!silent) this.record({ kind: 'session-closed', reason, detail: `session closed: ${reason}` }, this.peer);
    for (const cb of [...this.closeListeners]) cb(reason);
    if (byPeer) this.reportError(new DtlsSessionClosedError(this.peer, reason));
  }
}
