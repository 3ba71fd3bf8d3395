// Bounded, time-expiring maps: message deduplication by (peer, MID) within EXCHANGE_LIFETIME /
// NON_LIFETIME, and other short-lived exchange state. Expiry is lazy (no timers to leak);
// size is capped, evicting the oldest entries first.

export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

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
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V, lifetimeMs: number): void {
    this.entries.delete(key); // re-insert so Map order stays roughly by time
    this.entries.set(key, { value, expiresAt: this.now() + lifetimeMs });
    this.prune();
  }

  /** Merges into the value, keeping the expiry; no-op when absent or expired. */
  merge(key: string, part: Partial<V>): void {
    const e = this.entries.get(key);
    if (e && e.expiresAt > this.now()) e.value = { ...e.value, ...part };
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private prune(): void {
    const now = this.now();
    // Oldest first; entries with different lifetimes are not strictly ordered, so this sweep is
    // cheap and approximate, and the size cap below is the hard bound.
    for (const [key, e] of this.entries) {
      if (e.expiresAt > now) break;
      this.entries.delete(key);
    }
    if (this.entries.size > this.maxEntries) {
      for (const [key, e] of this.entries) {
        if (e.expiresAt <= now) this.entries.delete(key);
      }
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}

/** What the endpoint remembers about a received CON/NON: the reply to repeat for duplicates. */
export interface DedupEntry {
  /** Encoded ACK/RST/response to send again when a duplicate CON arrives; undefined while the handler runs. */
  reply?: Buffer;
  /** The message first received under this MID: a duplicate repeats it, anything else reuses the MID. */
  first?: { seq: number; token: Buffer; code: string; payload: Buffer };
}

/** Whether a message under a remembered MID is the first one again (a retransmission) rather than a new message. */
export function repeatsFirst(entry: DedupEntry, message: { token: Buffer; code: string; payload: Buffer }): boolean {
  const first = entry.first;
  return first === undefined || (first.token.equals(message.token) && first.code === message.code && first.payload.equals(message.payload));
}
