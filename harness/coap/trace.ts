// Datagram trace: every datagram an endpoint sends or receives, with a monotonic timestamp,
// addresses, raw bytes and its decoded form. Shared by several endpoints when they are given
// the same recorder; tests wait on it for what they expect to see on the wire. Security layers
// (DTLS) report their handshake events into it, numbered in the same sequence.
import type { DtlsEvent } from '../transport/security-events.ts';
import type { ImpairmentKind } from '../transport/impairment.ts';
import type { PeerAddress } from '../transport/udp.ts';
import type { CoapMessage } from './message.ts';
import { RingLog } from './ring-log.ts';

export type { PeerAddress } from '../transport/udp.ts';
export type { SecurityAlert, SecurityEventKind } from '../transport/security-events.ts';

export interface DatagramRecord {
  seq: number;
  /** Monotonic, from performance.now(). */
  atMs: number;
  /** ISO wall-clock time. */
  wallTime: string;
  direction: 'in' | 'out';
  /** Name of the endpoint that sent or received it. */
  endpoint: string;
  local: PeerAddress;
  remote: PeerAddress;
  bytes: Buffer;
  message?: CoapMessage;
  decodeError?: string;
  /** Set when a fault-injection filter discarded the datagram (it never left or was never processed). */
  dropped?: boolean;
  /** Set when the datagram travelled inside a DTLS session: bytes are the decrypted payload. */
  security?: 'dtls';
  /**
   * What the network impairment layer did to the datagram: 'dropped' (then `dropped` is set too:
   * an outgoing one never left, an incoming one was never processed), 'duplicated' (this is the
   * copy), 'delayed' or 'reordered' (held back).
   */
  impairment?: ImpairmentKind;
  /** How long the impairment layer held it back, ms. */
  impairmentDelayMs?: number;
  /**
   * With `security`: bytes are the datagram as on the wire beneath the DTLS layer (its records),
   * not the decrypted payload. The trace holds these only for datagrams the impairment layer acted on.
   */
  wire?: true;
}

/** A peer sent a new message under a Message ID it used within EXCHANGE_LIFETIME (RFC 7252 §4.4); the endpoint dropped it as a duplicate. */
export interface MidReuse {
  /** The harness endpoint that received both. */
  endpoint: string;
  peer: PeerAddress;
  messageId: number;
  /** Trace seq of the message first received under the MID, and of the new one. */
  firstSeq: number;
  seq: number;
}

/** A handshake or session event of a security layer, numbered in the trace. Never carries keys or secrets. */
export interface SecurityEvent extends Omit<DtlsEvent, 'atMs' | 'wallTime'> {
  seq: number;
  atMs: number;
  wallTime: string;
}

/** An event as the DTLS layer reports it (harness/transport/security-events.ts). */
export type NewSecurityEvent = DtlsEvent;

export type NewDatagramRecord = Omit<DatagramRecord, 'seq' | 'atMs' | 'wallTime'> &
  Partial<Pick<DatagramRecord, 'atMs' | 'wallTime'>>;

/** Block1 and Block2: a payload that is one block of a larger body may hold part of a secret at either end. */
const blockOptions = new Set([23, 27]);

/**
 * A copy of `payload` with every occurrence of each form replaced by '*', or undefined when
 * none occurs. With `partial`, a start that ends a form and an end that begins one are
 * replaced too (a secret split across blocks).
 */
function concealIn(payload: Buffer, forms: readonly Buffer[], partial: boolean): Buffer | undefined {
  let out: Buffer | undefined;
  const mask = (from: number, to: number) => {
    out ??= Buffer.from(payload);
    out.fill(0x2a, from, to);
  };
  for (const form of forms) {
    for (let at = payload.indexOf(form); at >= 0; at = payload.indexOf(form, at + 1)) mask(at, at + form.length);
    if (!partial) continue;
    for (let n = Math.min(form.length - 1, payload.length); n > 0; n--) {
      if (payload.subarray(payload.length - n).equals(form.subarray(0, n))) {
        mask(payload.length - n, payload.length);
        break;
      }
    }
    for (let n = Math.min(form.length - 1, payload.length); n > 0; n--) {
      if (payload.subarray(0, n).equals(form.subarray(form.length - n))) {
        mask(0, n);
        break;
      }
    }
  }
  return out;
}

/**
 * How many records (and, apart, security events) a trace keeps by default: enough for the last
 * hours of a standing peer (`serve`, `device`), which runs for days and must not grow without end.
 */
export const standingTraceLimit = 5_000;

/** The key of a MID reuse, to keep each one once. */
const reuseKey = (r: MidReuse) => `${r.endpoint} ${r.firstSeq} ${r.messageId}`;

export class TraceRecorder {
  private readonly records: RingLog<DatagramRecord>;
  private readonly listeners = new Set<(r: DatagramRecord) => void>();
  private readonly securityEvents: RingLog<SecurityEvent>;
  private readonly eventListeners = new Set<(e: SecurityEvent) => void>();
  private readonly concealed: Buffer[] = [];
  private readonly midReuses: RingLog<MidReuse>;
  private readonly midReuseKeys = new Set<string>();
  private nextSeq = 0;
  private wallTimeMs = NaN;
  private wallTimeText = '';

  /**
   * Keeps at most `capacity` datagram records and as many security events, oldest dropped
   * first; seq numbers keep counting, so marks taken earlier stay valid.
   */
  constructor(readonly capacity = standingTraceLimit) {
    this.records = new RingLog(capacity);
    this.securityEvents = new RingLog(capacity);
    this.midReuses = new RingLog(capacity);
  }

  /** Records and security events dropped to stay within the capacity. */
  get dropped(): number {
    return this.records.dropped + this.securityEvents.dropped;
  }

  /**
   * A secret that travels in payloads (a key a bootstrap server writes to /0/x/5): from now on,
   * recorded datagrams carry '*' in its place, as raw bytes and in base64 and base64url.
   */
  conceal(secret: Uint8Array): void {
    const raw = Buffer.from(secret);
    if (raw.length === 0) return;
    for (const form of [raw, Buffer.from(raw.toString('base64').replace(/=+$/, '')), Buffer.from(raw.toString('base64url'))]) {
      if (!this.concealed.some((c) => c.equals(form))) this.concealed.push(form);
    }
  }

  /** The record as it may be kept: concealed secrets masked in its payload and bytes. */
  private masked(r: NewDatagramRecord): NewDatagramRecord {
    if (this.concealed.length === 0) return r;
    const m = r.message;
    if (!m) {
      const bytes = concealIn(r.bytes, this.concealed, false);
      return bytes ? { ...r, bytes } : r;
    }
    const payload = concealIn(m.payload, this.concealed, m.options.some((o) => blockOptions.has(o.number)));
    if (!payload) return r;
    const head = r.bytes.subarray(0, r.bytes.length - m.payload.length);
    return { ...r, bytes: Buffer.concat([head, payload]), message: { ...m, payload } };
  }

  /**
   * Numbers and keeps a datagram. The object given becomes the record (callers build a fresh
   * one per datagram): copying it would cost a busy server more than the rest of its tracing.
   */
  record(recorded: NewDatagramRecord): DatagramRecord {
    const full = this.masked(recorded) as DatagramRecord;
    full.seq = this.nextSeq++;
    full.atMs ??= performance.now();
    full.wallTime ??= this.wallTime();
    this.records.push(full);
    if (this.listeners.size > 0) {
      for (const listener of [...this.listeners]) {
        try {
          listener(full);
        } catch {
          // a faulty listener must not break the transport
        }
      }
    }
    return full;
  }

  /** The wall-clock time as ISO text, formatted once per millisecond however many datagrams share it. */
  private wallTime(): string {
    const now = Date.now();
    if (now !== this.wallTimeMs) {
      this.wallTimeMs = now;
      this.wallTimeText = new Date(now).toISOString();
    }
    return this.wallTimeText;
  }

  /** The records kept, oldest first. */
  all(): readonly DatagramRecord[] {
    return this.records.from();
  }

  /** The record numbered `seq`, while it is kept. */
  at(seq: number): DatagramRecord | undefined {
    const record = this.records.at(this.records.firstWhere((r) => r.seq >= seq));
    return record?.seq === seq ? record : undefined;
  }

  /** Position to pass to since(): records recorded after this call. */
  mark(): number {
    return this.nextSeq;
  }

  since(mark: number): DatagramRecord[] {
    return this.records.from(this.records.firstWhere((r) => r.seq >= mark));
  }

  /** Live subscription; returns an unsubscribe function. */
  onRecord(cb: (r: DatagramRecord) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /**
   * Resolves with the first record (at or after `fromMark`, default: now) matching the predicate;
   * rejects after timeoutMs.
   */
  waitFor(predicate: (r: DatagramRecord) => boolean, timeoutMs: number, fromMark?: number): Promise<DatagramRecord> {
    const existing = fromMark === undefined ? undefined : this.since(fromMark).find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`no matching datagram within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.onRecord((r) => {
        if (predicate(r)) {
          clearTimeout(timer);
          unsubscribe();
          resolve(r);
        }
      });
    });
  }

  recordEvent(e: NewSecurityEvent): SecurityEvent {
    const full: SecurityEvent = { ...e, seq: this.nextSeq++, atMs: e.atMs ?? performance.now(), wallTime: e.wallTime ?? new Date().toISOString() };
    this.securityEvents.push(full);
    for (const listener of [...this.eventListeners]) {
      try {
        listener(full);
      } catch {
        // a faulty listener must not break the transport
      }
    }
    return full;
  }

  /** Keeps the first new message under a reused MID; its retransmissions add nothing. */
  recordMidReuse(reuse: MidReuse): void {
    const key = reuseKey(reuse);
    if (this.midReuseKeys.has(key)) return;
    // The key of the reuse about to fall out of the ring goes with it.
    const leaving = this.midReuses.length === this.midReuses.capacity ? this.midReuses.at(this.midReuses.start) : undefined;
    if (leaving) this.midReuseKeys.delete(reuseKey(leaving));
    this.midReuses.push(reuse);
    this.midReuseKeys.add(key);
  }

  /** Message IDs reused by peers, the new message at or after `mark`. */
  midReusesSince(mark: number): MidReuse[] {
    return this.midReuses.from(this.midReuses.firstWhere((r) => r.seq >= mark));
  }

  /** Security (handshake) events kept, in order; their seq interleaves with the datagram records'. */
  events(): readonly SecurityEvent[] {
    return this.securityEvents.from();
  }

  eventsSince(mark: number): SecurityEvent[] {
    return this.securityEvents.from(this.securityEvents.firstWhere((e) => e.seq >= mark));
  }

  onEvent(cb: (e: SecurityEvent) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  /** Like waitFor(), for security events. */
  waitForEvent(predicate: (e: SecurityEvent) => boolean, timeoutMs: number, fromMark?: number): Promise<SecurityEvent> {
    const existing = fromMark === undefined ? undefined : this.eventsSince(fromMark).find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`no matching security event within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.onEvent((e) => {
        if (predicate(e)) {
          clearTimeout(timer);
          unsubscribe();
          resolve(e);
        }
      });
    });
  }
}
