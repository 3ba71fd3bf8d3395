// An append-only log of what a peer saw, with waits that resolve on the first matching event
// after a position, or with undefined when the deadline passes. Event-driven: no polling.

export interface WaitFor<E> {
  /** Only events appended at or after this position count (from `position()`). */
  since: number;
  /** Deadline in ms. */
  within: number;
  signal?: AbortSignal;
  where?: (event: E) => boolean;
}

export class EventLog<E> {
  private readonly events: E[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly listeners: ((event: E) => void)[] = [];

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
    return this.events.length;
  }

  all(): readonly E[] {
    return this.events;
  }

  find(since: number, where: (event: E) => boolean = () => true): E | undefined {
    for (let i = since; i < this.events.length; i++) if (where(this.events[i]!)) return this.events[i];
    return undefined;
  }

  waitFor(options: WaitFor<E>): Promise<E | undefined> {
    const where = options.where ?? (() => true);
    const found = this.find(options.since, where);
    if (found !== undefined || options.within <= 0 || options.signal?.aborted) return Promise.resolve(found);
    return new Promise((resolve) => {
      const finish = (value: E | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        options.signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const check = () => {
        const event = this.find(options.since, where);
        if (event !== undefined) finish(event);
      };
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish(undefined), options.within);
      this.waiters.add(check);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
