// The network impairment layer: a DatagramTransport over another (a UDP socket) that loses,
// duplicates, delays and reorders datagrams in either direction, as an impairment spec says, with
// seeded random choices so that a run can be repeated. It sits under DTLS, so encrypted records
// and handshakes are impaired too. Delays use timers; closing cancels what is still held back.
// It reports what it does (to the endpoint's trace) as it decides.
import type { DirectionImpairment, ImpairmentDirection, ImpairmentSpec } from './impairment-spec.ts';
import { deriveSeed, seededRandom } from './seeded-random.ts';
import type { DatagramTransport, PeerAddress } from './udp.ts';

/** An impairment as a run uses it: the spec and the seed its random choices start from. Plain data. */
export interface DatagramImpairment {
  spec: ImpairmentSpec;
  seed: number;
  /** Names the endpoint's random streams; default: the endpoint's name. Give one when that name differs from run to run. */
  stream?: string;
}

export type ImpairmentKind = 'dropped' | 'duplicated' | 'delayed' | 'reordered';

/** What the layer did to a datagram it passed on; the receiver shows it in its trace. */
export interface DatagramMark {
  impairment: Exclude<ImpairmentKind, 'dropped'>;
  /** How long the datagram was held back, ms. */
  delayMs?: number;
}

/** One decision of the layer, reported as it is taken. */
export interface ImpairmentEvent {
  /** Seen from the harness: 'in' is a datagram from the target. */
  direction: ImpairmentDirection;
  kind: ImpairmentKind;
  /** The datagram as on the wire (encrypted under DTLS). */
  bytes: Buffer;
  /** The far end: where it goes ('out') or comes from ('in'). */
  peer: PeerAddress;
  /** The delay chosen ('delayed'). */
  delayMs?: number;
  /** When it was decided (performance.now()). */
  atMs: number;
}

/** Decisions kept while nobody listens yet (a DTLS client's handshake runs before its endpoint exists). */
const earlyCapacity = 1000;

/** A reordered datagram waits for the next one in its direction to overtake it, at most this long. */
export const reorderHoldMs = 100;

type Forward = (bytes: Buffer, peer: PeerAddress, mark?: DatagramMark) => void;

interface Parked {
  release(): void;
  timer: NodeJS.Timeout;
}

class Direction {
  readonly random: () => number;
  readonly parked = new Set<Parked>();

  constructor(
    readonly name: ImpairmentDirection,
    readonly settings: DirectionImpairment,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }
}

export class ImpairedTransport implements DatagramTransport {
  readonly local: PeerAddress;
  private receiver?: Forward;
  private readonly errorListeners = new Set<(err: unknown) => void>();
  private readonly impairmentListeners = new Set<(e: ImpairmentEvent) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly early: ImpairmentEvent[] = [];
  private readonly directions: Record<ImpairmentDirection, Direction>;
  private closed = false;

  /** `stream` names this transport's random streams (the endpoint's name): each endpoint's choices are its own. */
  constructor(
    private readonly inner: DatagramTransport,
    impairment: DatagramImpairment,
    stream: string,
  ) {
    this.local = inner.local;
    const { spec, seed } = impairment;
    this.directions = {
      in: new Direction('in', spec.in, deriveSeed(seed, stream, 'in')),
      out: new Direction('out', spec.out, deriveSeed(seed, stream, 'out')),
    };
    inner.onDatagram((bytes, peer) => {
      if (this.closed) return;
      this.pass(this.directions.in, bytes, peer, (b, p, mark) => this.receiver?.(b, p, mark));
    });
    inner.onError((err) => this.reportError(err));
  }

  send(bytes: Buffer, peer: PeerAddress): Promise<void> {
    if (this.closed) return this.inner.send(bytes, peer); // rejects as the socket does
    let sent: Promise<void> | undefined;
    this.pass(this.directions.out, bytes, peer, (b, p, mark) => {
      const p2 = this.inner.send(b, p);
      // The first copy sent at once answers the caller; later ones report failures as errors.
      if (sent === undefined && mark === undefined) sent = p2;
      else p2.catch((err) => this.reportError(err));
    });
    return sent ?? Promise.resolve();
  }

  onDatagram(cb: Forward): void {
    this.receiver = cb;
  }

  onError(cb: (err: unknown) => void): void {
    this.errorListeners.add(cb);
  }

  /** What the layer does to datagrams, each as it decides; returns an unsubscribe. */
  onImpairment(cb: (e: ImpairmentEvent) => void): () => void {
    this.impairmentListeners.add(cb);
    for (const e of this.early.splice(0)) cb(e);
    return () => this.impairmentListeners.delete(cb);
  }

  /** Cancels datagrams still held back (they never arrive), then closes the transport beneath. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
      for (const d of Object.values(this.directions)) d.parked.clear();
    }
    return this.inner.close();
  }

  /**
   * Decides a datagram's fate and passes it on (or not). Every datagram takes the same four
   * draws whatever the rates, so a stream's choices for its n-th datagram depend on the seed alone.
   */
  private pass(dir: Direction, bytes: Buffer, peer: PeerAddress, forward: Forward): void {
    const s = dir.settings;
    const [lose, duplicate, reorder, wait] = [dir.random(), dir.random(), dir.random(), dir.random()];
    if (lose < s.loss) {
      this.report({ direction: dir.name, kind: 'dropped', bytes, peer });
      return;
    }
    const delayMs = s.delay ? Math.round(s.delay.minMs + wait * (s.delay.maxMs - s.delay.minMs)) : 0;
    const reordered = reorder < s.reorder;
    const duplicated = duplicate < s.duplicate;
    if (reordered) this.report({ direction: dir.name, kind: 'reordered', bytes, peer });
    else if (delayMs > 0) this.report({ direction: dir.name, kind: 'delayed', bytes, peer, delayMs });
    if (duplicated) this.report({ direction: dir.name, kind: 'duplicated', bytes, peer });
    const heldSince = performance.now();
    const go = (mark: DatagramMark | undefined) => {
      forward(bytes, peer, mark);
      if (duplicated) forward(bytes, peer, { impairment: 'duplicated', ...(mark?.delayMs ? { delayMs: mark.delayMs } : {}) });
    };
    const onward = () => {
      if (reordered) return this.park(dir, () => go({ impairment: 'reordered', delayMs: Math.round(performance.now() - heldSince) }));
      go(delayMs > 0 ? { impairment: 'delayed', delayMs } : undefined);
      this.releaseParked(dir);
    };
    if (delayMs > 0) this.later(onward, delayMs);
    else onward();
  }

  /** Holds a datagram until the next one in its direction has gone on, or reorderHoldMs at most. */
  private park(dir: Direction, release: () => void): void {
    const parked: Parked = {
      release: () => {
        clearTimeout(parked.timer);
        this.timers.delete(parked.timer);
        dir.parked.delete(parked);
        release();
      },
      timer: this.later(() => parked.release(), reorderHoldMs),
    };
    dir.parked.add(parked);
  }

  private releaseParked(dir: Direction): void {
    for (const parked of [...dir.parked]) parked.release();
  }

  private later(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.closed) return;
      try {
        fn();
      } catch (err) {
        this.reportError(err);
      }
    }, ms);
    this.timers.add(t);
    return t;
  }

  private report(event: Omit<ImpairmentEvent, 'atMs'>): void {
    const e = { ...event, atMs: performance.now() };
    if (this.impairmentListeners.size === 0) {
      this.early.push(e);
      if (this.early.length > earlyCapacity) this.early.shift();
      return;
    }
    for (const cb of [...this.impairmentListeners]) {
      try {
        cb(e);
      } catch (err) {
        this.reportError(err);
      }
    }
  }

  private reportError(err: unknown): void {
    for (const cb of [...this.errorListeners]) cb(err);
  }
}

/** The transport with the impairment layer over it, or as it is without one. */
export function impaired(transport: DatagramTransport, impairment: DatagramImpairment | undefined, stream: string): DatagramTransport {
  return impairment ? new ImpairedTransport(transport, impairment, stream) : transport;
}
