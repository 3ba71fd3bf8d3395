// A log that keeps at most `capacity` entries, dropping the oldest first, in constant time per
// entry. Positions count every entry ever appended, so a position taken before some entries
// were dropped still means "from here on": what fell out is simply no longer found.

export class RingLog<T> {
  private readonly slots: T[] = [];
  /** Position of the oldest entry kept. */
  private first = 0;
  /** Position the next entry gets. */
  private next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a log keeps at least one entry, got ${capacity}`);
  }

  /** Appends; returns the entry's position. */
  push(entry: T): number {
    const position = this.next++;
    if (this.slots.length < this.capacity) this.slots.push(entry);
    else {
      this.slots[position % this.capacity] = entry;
      this.first++;
    }
    return position;
  }

  /** The position the next entry gets (every entry so far counted, dropped or not). */
  get end(): number {
    return this.next;
  }

  /** Position of the oldest entry still kept. */
  get start(): number {
    return this.first;
  }

  /** Entries dropped to stay within the capacity. */
  get dropped(): number {
    return this.first;
  }

  get length(): number {
    return this.next - this.first;
  }

  /** The entry at a position, or undefined when it was dropped or is yet to come. */
  at(position: number): T | undefined {
    if (position < this.first || position >= this.next) return undefined;
    return this.slots[position % this.capacity];
  }

  /** The entries kept from `position` on, oldest first. */
  from(position = this.first): T[] {
    const out: T[] = [];
    for (let p = Math.max(position, this.first); p < this.next; p++) out.push(this.at(p)!);
    return out;
  }

  /**
   * The position of the first entry kept for which `after` holds, given that it holds for a
   * tail of the log (entries ordered by what it tests, e.g. a sequence number); `end` when none.
   */
  firstWhere(after: (entry: T) => boolean): number {
    let lo = this.first;
    let hi = this.next;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (after(this.at(mid)!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
