// Datagram trace: every datagram an endpoint sends or receives, with a monotonic timestamp,
// addresses, raw bytes and its decoded form. Shared by several endpoints when they are given
// the same recorder; tests wait on it for what they expect to see on the wire.
import type { CoapMessage } from './message.ts';

export interface PeerAddress {
  address: string;
  port: number;
}

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
}

export type NewDatagramRecord = Omit<DatagramRecord, 'seq' | 'atMs' | 'wallTime'> &
  Partial<Pick<DatagramRecord, 'atMs' | 'wallTime'>>;

export class TraceRecorder {
  private readonly records: DatagramRecord[] = [];
  private readonly listeners = new Set<(r: DatagramRecord) => void>();
  private nextSeq = 0;

  /** Keeps at most `capacity` records (oldest dropped first); seq numbers keep counting. */
  constructor(private readonly capacity = 100_000) {}

  record(r: NewDatagramRecord): DatagramRecord {
    const full: DatagramRecord = {
      ...r,
      seq: this.nextSeq++,
      atMs: r.atMs ?? performance.now(),
      wallTime: r.wallTime ?? new Date().toISOString(),
    };
    this.records.push(full);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    for (const listener of [...this.listeners]) {
      try {
        listener(full);
      } catch {
        // a faulty listener must not break the transport
      }
    }
    return full;
  }

  all(): readonly DatagramRecord[] {
    return this.records;
  }

  /** Position to pass to since(): records recorded after this call. */
  mark(): number {
    return this.nextSeq;
  }

  since(mark: number): DatagramRecord[] {
    return this.records.filter((r) => r.seq >= mark);
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
}
