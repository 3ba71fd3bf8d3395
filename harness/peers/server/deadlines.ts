// Deadlines for many keys behind one timer: a min-heap of (due time, key) pairs, armed for its
// earliest pair. The queue keeps no record of which schedule of a key is current: its owner
// already holds that (a registration holds its expiry time) and answers `isCurrent`, so a key
// costs the queue two array slots and no object. A rescheduled or dropped key leaves its old
// pair behind, skipped when it surfaces; the heap is rebuilt when such pairs outnumber the
// scheduled keys, so every operation stays O(log n) amortized.

/** What the queue asks of its owner. */
export interface DeadlineOwner<K> {
  /** Whether `key` is still due at `atMs` (not rescheduled or dropped since). */
  isCurrent(key: K, atMs: number): boolean;
  /** Called for each key whose time came, in due order. */
  due(key: K): void;
  /** How many keys are scheduled now. */
  readonly scheduled: number;
}

/** Longest delay a Node timer takes (a longer one would fire at once). */
const longestTimerMs = 2 ** 31 - 1;

export class DeadlineQueue<K> {
  /** The heap, as two parallel arrays: due times (monotonic ms) and their keys. */
  private times: number[] = [];
  private keys: K[] = [];
  private timer?: NodeJS.Timeout;
  /** Due time the timer is armed for. */
  private armedFor = Infinity;

  constructor(
    private readonly owner: DeadlineOwner<K>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Pairs held, current and stale. */
  get held(): number {
    return this.times.length;
  }

  /** Schedules `key` at `atMs` (monotonic); the owner answers isCurrent(key, atMs) from now on. */
  schedule(key: K, atMs: number): void {
    this.push(atMs, key);
    this.compactIfStale();
    if (atMs < this.armedFor) this.arm();
  }

  /** The owner dropped a key: its pairs are stale now. */
  dropped(): void {
    this.compactIfStale();
    if (this.owner.scheduled === 0) this.clear();
  }

  clear(): void {
    this.times = [];
    this.keys = [];
    this.disarm();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    while (this.times.length > 0 && this.times[0]! <= now) {
      const atMs = this.times[0]!;
      const key = this.pop();
      if (this.owner.isCurrent(key, atMs)) this.owner.due(key);
    }
    this.arm();
  }

  private arm(): void {
    while (this.times.length > 0 && !this.owner.isCurrent(this.keys[0]!, this.times[0]!)) this.pop();
    if (this.times.length === 0) return this.disarm();
    const next = this.times[0]!;
    if (this.timer && next >= this.armedFor) return;
    this.disarm();
    // Rounded up: a Node timer counts whole ms and must not fire before the deadline.
    const delay = Math.min(longestTimerMs, Math.max(1, Math.ceil(next - this.now())));
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref();
    this.armedFor = next;
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  private compactIfStale(): void {
    if (this.times.length < 64 || this.times.length <= 2 * this.owner.scheduled) return;
    const times: number[] = [];
    const keys: K[] = [];
    for (let i = 0; i < this.times.length; i++) {
      if (!this.owner.isCurrent(this.keys[i]!, this.times[i]!)) continue;
      times.push(this.times[i]!);
      keys.push(this.keys[i]!);
    }
    this.times = times;
    this.keys = keys;
    for (let i = (times.length >>> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private push(atMs: number, key: K): void {
    const { times, keys } = this;
    let i = times.length;
    times.push(atMs);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (times[parent]! <= atMs) break;
      times[i] = times[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    times[i] = atMs;
    keys[i] = key;
  }

  /** Removes the earliest pair and returns its key. */
  private pop(): K {
    const { times, keys } = this;
    const top = keys[0]!;
    const lastTime = times.pop()!;
    const lastKey = keys.pop()!;
    if (times.length > 0) {
      times[0] = lastTime;
      keys[0] = lastKey;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const { times, keys } = this;
    const atMs = times[start]!;
    const key = keys[start]!;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= times.length) break;
      if (child + 1 < times.length && times[child + 1]! < times[child]!) child++;
      if (times[child]! >= atMs) break;
      times[i] = times[child]!;
      keys[i] = keys[child]!;
      i = child;
    }
    times[i] = atMs;
    keys[i] = key;
  }
}
