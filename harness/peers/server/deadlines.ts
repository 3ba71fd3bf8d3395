// Deadlines for many keys behind one timer: a min-heap ordered by due time, armed for its
// earliest entry. Rescheduling or cancelling leaves the old heap entry behind as stale (skipped
// when it surfaces); the heap is rebuilt when stale entries outnumber live ones, so every
// operation stays O(log n) amortized and memory stays proportional to the keys scheduled.

interface Deadline<K> {
  readonly atMs: number;
  readonly key: K;
}

/** Longest delay a Node timer takes (a longer one would fire at once). */
const longestTimerMs = 2 ** 31 - 1;

export class DeadlineQueue<K> {
  private heap: Deadline<K>[] = [];
  private readonly current = new Map<K, Deadline<K>>();
  private timer?: NodeJS.Timeout;
  /** Due time the timer is armed for. */
  private armedFor = Infinity;

  constructor(
    /** Called for each key whose time came, in due order. */
    private readonly onDue: (key: K) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.current.size;
  }

  /** Due time of a key, monotonic ms. */
  dueAt(key: K): number | undefined {
    return this.current.get(key)?.atMs;
  }

  /** Schedules `key` at `atMs` (monotonic), replacing any earlier schedule of it. */
  schedule(key: K, atMs: number): void {
    const deadline: Deadline<K> = { atMs, key };
    this.current.set(key, deadline);
    this.push(deadline);
    this.compactIfStale();
    if (atMs < this.armedFor) this.arm();
  }

  cancel(key: K): void {
    if (!this.current.delete(key)) return;
    this.compactIfStale();
    if (this.current.size === 0) this.disarm();
  }

  clear(): void {
    this.current.clear();
    this.heap = [];
    this.disarm();
  }

  private isLive(d: Deadline<K>): boolean {
    return this.current.get(d.key) === d;
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    while (this.heap.length > 0 && this.heap[0]!.atMs <= now) {
      const d = this.pop();
      if (!this.isLive(d)) continue;
      this.current.delete(d.key);
      this.onDue(d.key);
    }
    this.arm();
  }

  private arm(): void {
    while (this.heap.length > 0 && !this.isLive(this.heap[0]!)) this.pop();
    const next = this.heap[0];
    if (!next) return this.disarm();
    if (this.timer && next.atMs >= this.armedFor) return;
    this.disarm();
    // Rounded up: a Node timer counts whole ms and must not fire before the deadline.
    const delay = Math.min(longestTimerMs, Math.max(1, Math.ceil(next.atMs - this.now())));
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref();
    this.armedFor = next.atMs;
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  private compactIfStale(): void {
    if (this.heap.length < 64 || this.heap.length <= 2 * this.current.size) return;
    this.heap = [...this.current.values()];
    for (let i = (this.heap.length >>> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private push(d: Deadline<K>): void {
    const heap = this.heap;
    heap.push(d);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (heap[parent]!.atMs <= d.atMs) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = d;
  }

  private pop(): Deadline<K> {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const d = heap[start]!;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && heap[child + 1]!.atMs < heap[child]!.atMs) child++;
      if (heap[child]!.atMs >= d.atMs) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = d;
  }
}
