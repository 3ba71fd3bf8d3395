// A log of what a peer saw, with waits that resolve on the first matching event after a
// position, or with undefined when the deadline passes. Event-driven: no polling. It keeps at
// most `capacity` events, the oldest dropped first: positions keep counting, so a position
// taken earlier still means "from then on", and an event that fell out is simply not found.
import { RingLog } from '../coap/ring-log.ts';

export interface WaitFor<E> {
  /** Only events appended at or after this position count (from `position()`). */
  since: number;
  /** Deadline in ms. */
  within: number;
  signal?: AbortSignal;
  where?: (event: E) => boolean;
}

/**
 * Events a standing peer (`serve`) keeps: it runs for days. A reader of its management API
 * keeps up with far fewer; under a registration storm (10^4 a second) a longer log holds each
 * event just long enough for the garbage collector to move it to the old generation, where it
 * dies and swells the heap (5,000 cost about 30 MB of resident memory at 100k registrations).
 */
export const standingEventLimit = 1_000;

export class EventLog<E> {
  private readonly events: RingLog<E>;
  private readonly waiters = new Set<() => void>();
  private readonly listeners: ((event: E) => void)[] = [];

  constructor(capacity = standingEventLimit) {
    this.events = new RingLog(capacity);
  }

  get capacity(): number {
    return this.events.capacity;
  }

  /** Events dropped to stay within the capacity. */
  get dropped(): number {
    return this.events.dropped;
  }

  append(event: E): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    for (const wake of [...this.waiters]) wake();
  }

  /** Calls `listener` with every event appended from now on (e.g. to log them). */
  onAppend(listener: (event: E) => void): void {
    this.listeners.push(listener);
  }

  /** The position of the next event; pass it as `since` to wait for what happens after now. */
  position(): number {
    return this.events.end;
  }

  /** The events kept, oldest first. */
  all(): readonly E[] {
    return this.events.from();
  }

  /** The events kept from a position on. */
  since(position: number): E[] {
    return this.events.from(position);
  }

  find(since: number, where: (event: E) => boolean = () => true): E | undefined {
    for (let p = Math.max(since, this.events.start); p < this.events.end; p++) {
      const event = this.events.at(p)!;
      if (where(event)) return event;
    }
    return undefined;
  }

  waitFor(options: WaitFor<E>): Promise<E | undefined> {
    const where = options.where ?? (() => true);
    const found = this.find(options.since, where);
    if (found !== undefined || options.within <= 0 || options.signal?.aborted) return Promise.resolve(found);
    return new Promise((resolve) => {
      // Events before this point were looked at already: each wake looks only at the new ones.
      let from = Math.max(options.since, this.events.end);
      const finish = (value: E | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        options.signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const check = () => {
        const event = this.find(from, where);
        from = this.events.end;
        if (event !== undefined) finish(event);
      };
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish(undefined), options.within);
      this.waiters.add(check);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
