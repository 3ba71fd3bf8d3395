// Observe (RFC 7641) on both sides: the client's Observation (notifications in Observe order,
// stale ones dropped, cancel by RST or by deregistration) and the server's ObserveRelation
// (notify with increasing Observe numbers; ended by RST, deregistration, timeout or error).
import type { PeerAddress } from './trace.ts';
import type { CoapResponse, NotifyOutcome, RelationEndReason, RequestSpec, ResponseSpec } from './types.ts';

const OBSERVE_WRAP = 2 ** 24;
const HALF_WRAP = 2 ** 23;
/** RFC 7641 §3.4: after this long, any notification counts as fresh. */
const FRESHNESS_WINDOW_MS = 128_000;

/** RFC 7641 §3.4 ordering of Observe numbers v1 (last seen at t1) and v2 (arriving at t2). */
export function isFresher(v1: number, t1: number, v2: number, t2: number): boolean {
  return (v1 < v2 && v2 - v1 < HALF_WRAP) || (v1 > v2 && v1 - v2 > HALF_WRAP) || t2 > t1 + FRESHNESS_WINDOW_MS;
}

export function nextObserveNumber(n: number): number {
  return (n + 1) % OBSERVE_WRAP;
}

// ---- client side ----------------------------------------------------------------------------

export interface ObservationTransport {
  /** GET (same request) with Observe=1 and the same token. */
  deregister(obs: Observation): Promise<CoapResponse>;
  /** Stop routing notifications to this observation: the next one will be answered with RST. */
  forget(obs: Observation): void;
  /** Start or stop showing the observation every message with its token as it arrives. */
  watch(obs: Observation, on: boolean): void;
}

export type ObservationEndReason = 'cancelled' | 'not-established' | 'error-response' | 'no-observe-option' | 'closed';

const MAX_QUEUED = 1000;

export class Observation implements AsyncIterable<CoapResponse> {
  /** The response to the registering GET. */
  first!: CoapResponse;
  private lastSeq?: number;
  private lastAtMs = 0;
  private endReason?: ObservationEndReason;
  private readonly queue: CoapResponse[] = [];
  private readonly waiters: Array<(r: CoapResponse | undefined) => void> = [];
  private readonly notificationListeners = new Set<(r: CoapResponse) => void>();
  private readonly receivedListeners = new Set<(r: CoapResponse, atMs: number) => void>();
  private readonly endListeners = new Set<(reason: ObservationEndReason) => void>();
  /** Notifications dropped as stale (older Observe number than one already delivered). */
  staleDropped = 0;

  constructor(
    readonly peer: PeerAddress,
    readonly token: Buffer,
    readonly request: RequestSpec,
    private readonly transport: ObservationTransport,
  ) {}

  get active(): boolean {
    return this.endReason === undefined;
  }

  get ended(): ObservationEndReason | undefined {
    return this.endReason;
  }

  /** Called by the endpoint with the first response; returns whether the observation is established. */
  establish(first: CoapResponse, nowMs: number): boolean {
    this.first = first;
    if (!first.code.startsWith('2.')) {
      this.end('not-established');
      return false;
    }
    if (first.observe === undefined) {
      this.end('not-established');
      return false;
    }
    this.lastSeq = first.observe;
    this.lastAtMs = nowMs;
    return true;
  }

  /** Called by the endpoint for a notification with Observe number `seq`: false when stale. */
  isFresh(seq: number, nowMs: number): boolean {
    if (this.lastSeq === undefined) return true;
    return isFresher(this.lastSeq, this.lastAtMs, seq, nowMs);
  }

  /** Called by the endpoint with a notification it has judged fresh (or final). */
  deliver(notification: CoapResponse, nowMs: number): void {
    if (!this.active) return;
    if (notification.observe !== undefined) {
      this.lastSeq = notification.observe;
      this.lastAtMs = nowMs;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(notification);
    else {
      this.queue.push(notification);
      if (this.queue.length > MAX_QUEUED) this.queue.shift();
    }
    for (const cb of [...this.notificationListeners]) {
      try {
        cb(notification);
      } catch {
        // listener faults stay with the listener
      }
    }
    if (!notification.code.startsWith('2.')) this.end('error-response');
    else if (notification.observe === undefined) this.end('no-observe-option');
  }

  end(reason: ObservationEndReason): void {
    if (this.endReason !== undefined) return;
    this.endReason = reason;
    this.transport.forget(this);
    for (const w of this.waiters.splice(0)) w(undefined);
    for (const cb of [...this.endListeners]) {
      try {
        cb(reason);
      } catch {
        // listener faults stay with the listener
      }
    }
  }

  /** Later notifications (not the first response); returns an unsubscribe function. */
  onNotification(cb: (r: CoapResponse) => void): () => void {
    this.notificationListeners.add(cb);
    return () => this.notificationListeners.delete(cb);
  }

  /**
   * Every message with this observation's token after the first response, as the datagram
   * arrived (atMs: when it was traced): duplicates, stale ones, and those after the end that the
   * endpoint answers with RST, which a server must judge too. Returns an unsubscribe function.
   */
  onReceived(cb: (r: CoapResponse, atMs: number) => void): () => void {
    this.receivedListeners.add(cb);
    if (this.receivedListeners.size === 1) this.transport.watch(this, true);
    return () => {
      if (this.receivedListeners.delete(cb) && this.receivedListeners.size === 0) this.transport.watch(this, false);
    };
  }

  /** Called by the endpoint for each message onReceived() listeners see. */
  received(message: CoapResponse, atMs: number): void {
    for (const cb of [...this.receivedListeners]) {
      try {
        cb(message, atMs);
      } catch {
        // listener faults stay with the listener
      }
    }
  }

  onEnd(cb: (reason: ObservationEndReason) => void): () => void {
    if (this.endReason !== undefined) {
      const reason = this.endReason;
      queueMicrotask(() => cb(reason));
      return () => {};
    }
    this.endListeners.add(cb);
    return () => this.endListeners.delete(cb);
  }

  /** Next queued or arriving notification; rejects after timeoutMs or when the observation ends. */
  next(timeoutMs: number): Promise<CoapResponse> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (!this.active) return Promise.reject(new Error(`observation ended (${this.endReason})`));
    return new Promise((resolve, reject) => {
      const waiter = (r: CoapResponse | undefined): void => {
        clearTimeout(timer);
        if (r) resolve(r);
        else reject(new Error(`observation ended (${this.endReason})`));
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no notification within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<CoapResponse> {
    for (;;) {
      const queued = this.queue.shift();
      if (queued) {
        yield queued;
        continue;
      }
      if (!this.active) return;
      const r = await new Promise<CoapResponse | undefined>((resolve) => this.waiters.push(resolve));
      if (!r) return;
      yield r;
    }
  }

  /**
   * 'rst': forget the observation; the next notification is answered with RST (reactive cancel).
   * 'deregister': GET with Observe=1 and the same token; resolves with its response.
   */
  async cancel(mode: 'rst' | 'deregister' = 'rst'): Promise<CoapResponse | undefined> {
    if (mode === 'rst') {
      this.end('cancelled');
      return undefined;
    }
    const wasActive = this.active;
    this.end('cancelled');
    if (!wasActive && this.first === undefined) return undefined;
    return this.transport.deregister(this);
  }
}

// ---- server side ----------------------------------------------------------------------------

export interface RelationTransport {
  sendNotification(rel: ObserveRelation, spec: ResponseSpec, confirmable: boolean): Promise<NotifyOutcome>;
  release(rel: ObserveRelation): void;
}

export class ObserveRelation {
  private state: 'pending' | 'active' | 'ended' = 'pending';
  private endReason?: RelationEndReason;
  private readonly cancelListeners = new Set<(reason: RelationEndReason) => void>();

  constructor(
    readonly peer: PeerAddress,
    readonly token: Buffer,
    /** The observed request: path, query and accept, for block-wise follow-ups. */
    readonly path: string,
    readonly query: string[],
    readonly accept: number | undefined,
    private readonly transport: RelationTransport,
  ) {}

  /** True once the registering response went out with a 2.xx code, until the relation ends. */
  get active(): boolean {
    return this.state === 'active';
  }

  get ended(): RelationEndReason | undefined {
    return this.endReason;
  }

  /** Endpoint use: the registering 2.xx response was sent. */
  activate(): void {
    if (this.state === 'pending') this.state = 'active';
  }

  /**
   * Sends a notification (Observe number added, Block2 when large). A non-2.xx code ends the
   * relation after sending. Never rejects: the outcome says what happened.
   */
  notify(spec: ResponseSpec, opts: { confirmable?: boolean } = {}): Promise<NotifyOutcome> {
    if (this.state !== 'active') return Promise.resolve('inactive');
    return this.transport.sendNotification(this, spec, opts.confirmable ?? false);
  }

  onCancel(cb: (reason: RelationEndReason) => void): () => void {
    if (this.endReason !== undefined) {
      const reason = this.endReason;
      queueMicrotask(() => cb(reason));
      return () => {};
    }
    this.cancelListeners.add(cb);
    return () => this.cancelListeners.delete(cb);
  }

  /** Ends the relation locally (no message is sent). */
  cancel(): void {
    this.end('cancelled');
  }

  end(reason: RelationEndReason): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.endReason = reason;
    this.transport.release(this);
    for (const cb of [...this.cancelListeners]) {
      try {
        cb(reason);
      } catch {
        // listener faults stay with the listener
      }
    }
  }
}
