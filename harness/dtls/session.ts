// One DTLS session with one peer, for either role: feeds received datagrams to the addon, sends
// the records it produces, drives its retransmission timer, enforces the handshake deadline and
// turns what happens into security events and typed errors.
import { DtlsHandshakeError, DtlsNoSessionError } from './errors.ts';
import type { HandshakeFailureDetails } from './errors.ts';
import type { DtlsEvent, SecurityAlert } from '../transport/security-events.ts';
import type { DtlsNative, NativeConfig, NativeError, NativeResult, NativeSession, NativeSessionOptions } from './native.ts';
import { cipherSuiteName, describeAlert, formatAlert, fromMbedtlsSuite, identityText } from './names.ts';
import { alertOf, clientHelloOf, parseRecords } from './records.ts';
import type { ClientHello } from './records.ts';
import type { PeerAddress } from '../transport/udp.ts';

const ERR_SSL_TIMEOUT = -0x6800;
const ERR_SSL_UNKNOWN_IDENTITY = -0x6c80;
const ERR_SSL_INVALID_MAC = -0x7180;

export type SessionState = 'handshaking' | 'open' | 'closed' | 'failed';

/** What is known about an established session; no key material. */
export interface SessionInfo {
  peer: PeerAddress;
  cipherSuite: string;
  version: string;
  /** PSK identity the client presented (server) or used (client). */
  pskIdentity?: Buffer;
  peerCertificate?: { subject?: string; issuer?: string; der: Buffer };
  establishedAt: number;
}

export type SessionEnd =
  | { kind: 'failed'; error: DtlsHandshakeError }
  | { kind: 'closed'; reason: string; byPeer: boolean };

/** An event as a session reports it; the transport adds addresses and names. */
export type SessionEventInput = Pick<DtlsEvent, 'kind' | 'detail'> & Partial<DtlsEvent>;

export interface SessionHooks {
  role: 'client' | 'server';
  peer: PeerAddress;
  sendDatagram(bytes: Buffer): void;
  deliver(plaintext: Buffer): void;
  event(e: SessionEventInput): void;
  opened(info: SessionInfo, renewed: boolean): void;
  ended(end: SessionEnd): void;
  /** Overall limit for one handshake, retransmissions included. */
  handshakeDeadlineMs: number;
  /** Client side: the identity configured, reported in SessionInfo. */
  pskIdentity?: Buffer;
}

/** The trace event of a ClientHello: the suites it offers and whether it carries a cookie. */
export function clientHelloEvent(hello: ClientHello, direction: 'in' | 'out'): SessionEventInput {
  const offered = hello.cipherSuites.map(cipherSuiteName);
  const cookie = hello.cookieLength > 0 ? `cookie of ${hello.cookieLength} bytes` : 'no cookie';
  return {
    kind: 'client-hello', direction, offeredCipherSuites: offered,
    detail: `${direction === 'in' ? 'received' : 'sent'} ClientHello (${cookie}) offering ${offered.join(', ')}`,
  };
}

export class DtlsSession {
  state: SessionState = 'handshaking';
  lastActivity = performance.now();
  /** Random of the ClientHello that started the current handshake (server side). */
  clientRandom?: Buffer;
  info?: SessionInfo;
  /** Resolves when the first handshake completes; rejects with DtlsHandshakeError. */
  readonly ready: Promise<SessionInfo>;

  private handle?: NativeSession;
  private retransmitTimer?: NodeJS.Timeout;
  private deadline?: NodeJS.Timeout;
  private renewing = false;
  private lastAlertIn?: SecurityAlert;
  private lastAlertOut?: SecurityAlert;
  private settle!: { resolve(i: SessionInfo): void; reject(e: DtlsHandshakeError): void };

  constructor(private readonly native: DtlsNative, config: NativeConfig, options: NativeSessionOptions, private readonly hooks: SessionHooks) {
    this.ready = new Promise<SessionInfo>((resolve, reject) => (this.settle = { resolve, reject }));
    this.ready.catch(() => undefined); // observed through hooks.ended as well
    this.handle = native.createSession(config, options);
    this.startDeadline();
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Client: sends the first ClientHello. */
  start(): void {
    this.pump();
  }

  /** A datagram from the peer. */
  receive(datagram: Buffer): void {
    if (!this.handle) return;
    this.lastActivity = performance.now();
    for (const record of parseRecords(datagram)) {
      const hello = this.hooks.role === 'server' ? clientHelloOf(record) : undefined;
      if (hello) this.traceClientHello(hello, 'in');
      const alert = alertOf(record);
      if (alert && alert.description !== undefined) {
        this.lastAlertIn = describeAlert(alert.level, alert.description);
        this.hooks.event({ kind: 'alert', direction: 'in', alert: this.lastAlertIn, detail: `received ${formatAlert(this.lastAlertIn)}` });
      }
    }
    this.native.feed(this.handle, datagram);
    this.pump();
  }

  /** Encrypts and sends one application datagram. */
  write(plaintext: Buffer): void {
    if (!this.handle || this.state !== 'open') throw new DtlsNoSessionError(this.hooks.peer, this.state);
    this.lastActivity = performance.now();
    this.apply(this.native.write(this.handle, plaintext));
  }

  /** Ends the session: close_notify when open, a failed handshake when still handshaking. */
  close(reason: string): void {
    if (!this.handle) return;
    if (this.state === 'handshaking') {
      this.fail({ peer: this.hooks.peer, role: this.hooks.role, reason: 'closed' }, reason);
      return;
    }
    if (this.state !== 'open') return;
    const result = this.native.closeNotify(this.handle);
    for (const d of result.out) this.hooks.sendDatagram(d);
    this.hooks.event({ kind: 'alert', direction: 'out', alert: describeAlert(1, 0), detail: 'sent warning alert close_notify (0)' });
    this.finish({ kind: 'closed', reason, byPeer: false });
  }

  /** Drops the session without telling the peer (eviction, replacement). */
  discard(reason: string): void {
    if (!this.handle) return;
    if (this.state === 'handshaking') this.fail({ peer: this.hooks.peer, role: this.hooks.role, reason: 'closed' }, reason);
    else this.finish({ kind: 'closed', reason, byPeer: false });
  }

  private pump(): void {
    if (!this.handle) return;
    this.apply(this.native.pump(this.handle));
  }

  private apply(r: NativeResult): void {
    const before = this.state;
    for (const d of r.out) {
      this.inspectOutgoing(d);
      this.hooks.sendDatagram(d);
    }
    if (r.helloVerifySent) this.hooks.event({ kind: 'hello-verify', direction: 'out', detail: 'sent HelloVerifyRequest (cookie exchange)' });
    if (r.reconnected) {
      this.renewing = true;
      this.hooks.event({ kind: 'session-renewed', detail: 'a new handshake from the same address replaces the session (RFC 6347 §4.2.8)' });
      this.startDeadline();
    }
    for (const d of r.data ?? []) {
      if (!this.handle) break;
      this.hooks.deliver(d);
    }
    if (!this.handle) return; // closed from within deliver
    this.state = r.state;
    this.scheduleRetransmission(r.timerMs);
    if (r.state === 'open' && (before === 'handshaking' || r.reconnected)) this.opened();
    else if (r.state === 'failed') this.failWith(r.error, before);
    else if (r.state === 'closed') {
      if (this.lastAlertIn?.description !== 0) {
        this.hooks.event({ kind: 'alert', direction: 'in', alert: describeAlert(1, 0), detail: 'received close_notify' });
      }
      this.finish({ kind: 'closed', reason: 'peer sent close_notify', byPeer: true });
    }
  }

  private inspectOutgoing(datagram: Buffer): void {
    for (const record of parseRecords(datagram)) {
      const hello = this.hooks.role === 'client' ? clientHelloOf(record) : undefined;
      if (hello) this.traceClientHello(hello, 'out');
      const alert = alertOf(record);
      if (alert) {
        this.lastAlertOut = describeAlert(alert.level, alert.description);
        this.hooks.event({ kind: 'alert', direction: 'out', alert: this.lastAlertOut, detail: `sent ${formatAlert(this.lastAlertOut)}` });
      }
    }
  }

  private traceClientHello(hello: ClientHello, direction: 'in' | 'out'): void {
    if (direction === 'in' && !this.clientRandom) this.clientRandom = hello.random;
    this.hooks.event(clientHelloEvent(hello, direction));
  }

  private opened(): void {
    const raw = this.native.info(this.handle!);
    const info: SessionInfo = {
      peer: { ...this.hooks.peer },
      cipherSuite: fromMbedtlsSuite(raw.cipherSuite ?? 'unknown'),
      version: raw.version ?? 'DTLSv1.2',
      establishedAt: performance.now(),
    };
    const identity = raw.pskIdentity ?? this.hooks.pskIdentity;
    if (identity && info.cipherSuite.includes('PSK')) info.pskIdentity = identity;
    if (raw.peerCertificate) info.peerCertificate = raw.peerCertificate;
    this.info = info;
    this.clearDeadline();
    const parts = [`cipher ${info.cipherSuite}`];
    if (info.pskIdentity) parts.push(`identity "${identityText(info.pskIdentity)}"`);
    if (info.peerCertificate?.subject) parts.push(`peer certificate "${info.peerCertificate.subject}"`);
    const event: SessionEventInput = { kind: 'handshake-done', cipherSuite: info.cipherSuite, detail: `handshake done: ${parts.join(', ')}` };
    if (info.pskIdentity) event.identity = identityText(info.pskIdentity);
    if (info.peerCertificate) {
      event.peerCertificate = {};
      if (info.peerCertificate.subject) event.peerCertificate.subject = info.peerCertificate.subject;
      if (info.peerCertificate.issuer) event.peerCertificate.issuer = info.peerCertificate.issuer;
    }
    this.hooks.event(event);
    const renewed = this.renewing;
    this.renewing = false;
    this.settle.resolve(info);
    this.hooks.opened(info, renewed);
  }

  private failWith(e: NativeError | undefined, before: SessionState): void {
    const d: HandshakeFailureDetails = { peer: { ...this.hooks.peer }, role: this.hooks.role, reason: 'error' };
    if (e) {
      d.libraryCode = e.code;
      d.libraryText = e.text;
    }
    let summary = e?.text ?? 'protocol error';
    if (e?.verifyText) {
      d.reason = 'certificate';
      d.verification = e.verifyText.trim().replace(/\s*\n\s*/g, '; ');
      summary = `the peer certificate did not verify: ${d.verification}`;
      if (this.lastAlertOut) d.alert = { ...this.lastAlertOut, direction: 'out' };
    } else if (e?.alertReceived !== undefined || (this.lastAlertIn && this.lastAlertIn.level === 'fatal')) {
      const alert = e?.alertReceived !== undefined ? describeAlert(2, e.alertReceived) : this.lastAlertIn!;
      if (e?.alertReceived !== undefined && this.lastAlertIn?.description !== e.alertReceived) {
        this.hooks.event({ kind: 'alert', direction: 'in', alert, detail: `received ${formatAlert(alert)}` });
      }
      d.reason = 'alert-received';
      d.alert = { ...alert, direction: 'in' };
      summary = `the peer sent ${formatAlert(alert)}`;
    } else if (e?.code === ERR_SSL_TIMEOUT) {
      d.reason = 'timeout';
      summary = 'no answer after the last retransmission';
    } else if (this.lastAlertOut) {
      d.reason = 'alert-sent';
      d.alert = { ...this.lastAlertOut, direction: 'out' };
      summary = `refused with ${formatAlert(this.lastAlertOut)}`;
      if (e && e.code !== ERR_SSL_UNKNOWN_IDENTITY && e.code !== ERR_SSL_INVALID_MAC) summary += `: ${e.text.replace(/^SSL - /, '')}`;
    }
    if (e?.code === ERR_SSL_UNKNOWN_IDENTITY) summary += ` (unknown PSK identity${this.identityNote()})`;
    if (e?.code === ERR_SSL_INVALID_MAC) summary += ' (the Finished message did not decrypt: the keys differ, e.g. a wrong PSK)';
    if (e?.pskLookupThrew) summary += ' (the PSK lookup threw)';
    if (before === 'open' && !this.renewing) {
      this.hooks.event({ kind: 'session-closed', reason: summary, detail: `session failed: ${summary}` });
      this.finish({ kind: 'closed', reason: summary, byPeer: d.reason === 'alert-received' }, true);
      return;
    }
    this.fail(d, summary);
  }

  private identityNote(): string {
    if (!this.handle) return '';
    const id = this.native.info(this.handle).pskIdentity;
    return id ? ` "${identityText(id)}"` : '';
  }

  private fail(d: HandshakeFailureDetails, summary: string): void {
    const error = new DtlsHandshakeError(d, summary);
    const event: SessionEventInput = { kind: 'handshake-failed', reason: summary, detail: `handshake failed: ${summary}` };
    if (d.alert) event.alert = { level: d.alert.level, name: d.alert.name, ...(d.alert.description !== undefined ? { description: d.alert.description } : {}) };
    this.hooks.event(event);
    this.state = 'failed';
    this.settle.reject(error);
    this.finish({ kind: 'failed', error }, true);
  }

  private finish(end: SessionEnd, silent = false): void {
    if (!this.handle) return;
    if (end.kind === 'closed' && !silent) this.hooks.event({ kind: 'session-closed', reason: end.reason, detail: `session closed: ${end.reason}` });
    if (this.state !== 'failed') this.state = 'closed';
    this.clearTimers();
    this.native.release(this.handle);
    delete this.handle;
    this.hooks.ended(end);
  }

  private scheduleRetransmission(ms: number): void {
    if (this.retransmitTimer) clearTimeout(this.retransmitTimer);
    delete this.retransmitTimer;
    if (ms < 0 || !this.handle) return;
    // +1: the addon compares whole milliseconds; waking early would only re-arm the timer.
    this.retransmitTimer = setTimeout(() => {
      delete this.retransmitTimer;
      this.pump();
    }, ms + 1);
  }

  private startDeadline(): void {
    this.clearDeadline();
    this.deadline = setTimeout(() => {
      delete this.deadline;
      if (this.state !== 'handshaking' && !this.renewing) return;
      this.fail({ peer: { ...this.hooks.peer }, role: this.hooks.role, reason: 'timeout' }, `no completed handshake within ${this.hooks.handshakeDeadlineMs} ms`);
    }, this.hooks.handshakeDeadlineMs);
  }

  private clearDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    delete this.deadline;
  }

  private clearTimers(): void {
    this.clearDeadline();
    if (this.retransmitTimer) clearTimeout(this.retransmitTimer);
    delete this.retransmitTimer;
  }
}
