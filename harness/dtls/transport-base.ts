// What the DTLS client and server transports share: the UDP socket under them, the single
// receiver of decrypted datagrams, error listeners, records still leaving when they close, and
// where their events go (kept back until an endpoint offers its trace, when none was given).
import type { DtlsEvent, SecurityEventSink } from '../transport/security-events.ts';
import type { SessionEventInput } from './session.ts';
import type { ImpairmentEvent } from '../transport/impairment.ts';
import type { DatagramTransport, PeerAddress } from '../transport/udp.ts';

export interface EventOptions {
  /** Where handshake events go; without one they are kept and handed to the endpoint's trace. */
  trace?: SecurityEventSink;
  /** Names the transport in its events; default: the endpoint's name. */
  name?: string;
}

export interface SocketOptions {
  /** Puts a layer between the DTLS records and the UDP socket (the impairment layer); default: the socket itself. */
  wrapSocket?: (socket: DatagramTransport) => DatagramTransport;
}

/** Events kept while no sink is known; the oldest go first beyond this. */
const EARLY_CAPACITY = 100_000;

export abstract class DtlsTransportBase implements DatagramTransport {
  readonly security = 'dtls' as const;
  readonly local: PeerAddress;
  name: string;

  protected receiver?: (bytes: Buffer, peer: PeerAddress) => void;
  private readonly errorListeners = new Set<(err: unknown) => void>();
  private readonly sending = new Set<Promise<void>>();
  private sink?: SecurityEventSink;
  private readonly early: DtlsEvent[] = [];

  protected constructor(
    /** The UDP socket, or a layer over it. */
    protected readonly udp: DatagramTransport,
    private readonly role: 'client' | 'server',
    private readonly eventOptions: EventOptions,
  ) {
    this.local = udp.local;
    if (eventOptions.trace) this.sink = eventOptions.trace;
    this.name = eventOptions.name ?? `dtls-${role}@${this.local.address}:${this.local.port}`;
    udp.onError((err) => this.reportError(err));
  }

  abstract send(bytes: Buffer, peer: PeerAddress): Promise<void>;
  abstract close(): Promise<void>;

  useTrace(sink: SecurityEventSink, endpointName: string): void {
    if (this.eventOptions.trace) return;
    this.sink = sink;
    if (!this.eventOptions.name) this.name = endpointName;
    for (const e of this.early.splice(0)) sink.recordEvent({ ...e, endpoint: this.name });
  }

  onDatagram(cb: (bytes: Buffer, peer: PeerAddress) => void): void {
    this.receiver = cb;
  }

  /** What an impairment layer beneath does to the encrypted datagrams; returns an unsubscribe. */
  onImpairment(cb: (e: ImpairmentEvent) => void): () => void {
    return this.udp.onImpairment?.(cb) ?? (() => undefined);
  }

  onError(cb: (err: unknown) => void): void {
    this.errorListeners.add(cb);
  }

  /** Sends records the session produced; a failure is reported, not thrown. */
  protected sendRecords(datagram: Buffer, remote: PeerAddress): void {
    const p = this.udp.send(datagram, remote).catch((err) => this.reportError(err));
    this.sending.add(p);
    void p.finally(() => this.sending.delete(p));
  }

  /** Waits until the records handed to the socket have left (close_notify before closing). */
  protected async drain(): Promise<void> {
    await Promise.allSettled([...this.sending]);
  }

  protected record(e: SessionEventInput, remote: PeerAddress): void {
    const full: DtlsEvent = { protocol: 'dtls', endpoint: this.name, role: this.role, local: this.local, remote: { ...remote }, ...e };
    if (this.sink) this.sink.recordEvent(full);
    else {
      this.early.push({ ...full, atMs: performance.now(), wallTime: new Date().toISOString() });
      if (this.early.length > EARLY_CAPACITY) this.early.shift();
    }
  }

  protected reportError(err: unknown): void {
    for (const cb of [...this.errorListeners]) {
      try {
        cb(err);
      } catch {
        // a faulty listener must not take the transport down
      }
    }
  }
}
