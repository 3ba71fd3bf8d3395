// Bounded, time-expiring maps: message deduplication by (peer, MID) within EXCHANGE_LIFETIME /
// NON_LIFETIME, and other short-lived exchange state. Expiry is lazy (no timers to leak) and
// never sweeps: entries of one lifetime expire in the order they were set, so each lifetime
// keeps a FIFO queue and only its expired head is looked at. The size is capped, dropping the
// entry that expires soonest first.

import { decodeMessage } from './message.ts';

interface Entry<V> {
  readonly key: string;
  value: V;
  readonly expiresAt: number;
  readonly queue: ExpiryQueue<V>;
}

/** Entries set with one lifetime, in the order they expire; removed ones stay until they surface or the queue is compacted. */
class ExpiryQueue<V> {
  private items: Entry<V>[] = [];
  private head = 0;
  /** Entries in the queue that are still in the map. */
  live = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(entry: Entry<V>): void {
    this.items.push(entry);
    this.live++;
  }

  peek(): Entry<V> | undefined {
    return this.items[this.head];
  }

  shift(): Entry<V> | undefined {
    const entry = this.items[this.head];
    if (entry === undefined) return undefined;
    this.items[this.head++] = undefined as never;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return entry;
  }

  /** Drops the removed entries once they outnumber the live ones. */
  compact(isLive: (entry: Entry<V>) => boolean): void {
    if (this.length < 64 || this.length <= 2 * this.live) return;
    this.items = this.items.slice(this.head).filter(isLive);
    this.head = 0;
  }
}

export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** By lifetime (ms): few distinct ones are in use. */
  private readonly queues = new Map<number, ExpiryQueue<V>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.remove(e);
      return undefined;
    }
    return e.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V, lifetimeMs: number): void {
    const old = this.entries.get(key);
    if (old) this.remove(old);
    const now = this.now();
    this.dropExpired(now);
    if (this.maxEntries <= 0) return;
    while (this.entries.size >= this.maxEntries) this.dropSoonest();
    let queue = this.queues.get(lifetimeMs);
    if (!queue) this.queues.set(lifetimeMs, (queue = new ExpiryQueue()));
    // Whole ms, rounded up: a small integer sits inside the entry, a fraction is an object of its own.
    const entry: Entry<V> = { key, value, expiresAt: Math.ceil(now + lifetimeMs), queue };
    queue.push(entry);
    this.entries.set(key, entry);
  }

  delete(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.remove(e);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.queues.clear();
  }

  private isLive = (entry: Entry<V>): boolean => this.entries.get(entry.key) === entry;

  private remove(entry: Entry<V>): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    entry.queue.live--;
    entry.queue.compact(this.isLive);
  }

  /** Pops the expired (and removed) heads of every lifetime's queue. */
  private dropExpired(now: number): void {
    for (const [lifetime, queue] of this.queues) {
      for (let e = queue.peek(); e && (e.expiresAt <= now || !this.isLive(e)); e = queue.peek()) {
        queue.shift();
        this.remove(e);
      }
      if (queue.length === 0) this.queues.delete(lifetime);
    }
  }

  /** Evicts the live entry that expires first, across lifetimes. */
  private dropSoonest(): void {
    let soonest: ExpiryQueue<V> | undefined;
    for (const queue of this.queues.values()) {
      while (queue.peek() && !this.isLive(queue.peek()!)) queue.shift();
      const head = queue.peek();
      if (head && (!soonest || head.expiresAt < soonest.peek()!.expiresAt)) soonest = queue;
    }
    const entry = soonest?.shift();
    if (entry) this.remove(entry);
    else this.entries.clear(); // unreachable: every entry sits in a queue
  }
}

/**
 * What the endpoint remembers about a received CON/NON: the message first received under the
 * MID (a duplicate repeats it, anything else reuses the MID) and the reply to repeat for duplicates.
 */
/**
 * What deduplication keeps of a message for EXCHANGE_LIFETIME. Its bytes are kept as latin1
 * strings (one byte a character): a string of n bytes costs the heap n + 16 bytes, a Buffer
 * about 150 in objects besides its bytes, and a busy server keeps 10^4 entries.
 */
export interface DedupEntry {
  /** Trace seq of the first message. */
  seq: number;
  /** The first message as it came: a later one under its MID is compared with it. */
  datagram: string;
  /** Encoded ACK/RST/response to send again when a duplicate CON arrives; undefined while the handler runs. */
  reply: string | undefined;
}

/** Whether a message under a remembered MID is the first one again (a retransmission) rather than a new message. */
export function repeatsFirst(entry: DedupEntry, message: { token: Buffer; code: string; payload: Buffer }): boolean {
  const first = decodeMessage(Buffer.from(entry.datagram, 'latin1'));
  if (!first.ok) return false;
  return first.message.token.equals(message.token) && first.message.code === message.code && first.message.payload.equals(message.payload);
}
