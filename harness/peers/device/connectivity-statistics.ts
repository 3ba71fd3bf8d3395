// Connectivity Statistics (object 7, instance 0) of the simulated device: Start (/7/0/6) resets
// resources 0-5 and collects, Stop (/7/0/7) stops without resetting, a Collection Period
// (/7/0/8) above 0 stops the collection when it has run that long. What is collected is the
// IP traffic of the device's connections (its bootstrap and server accounts'): each datagram
// counts its UDP and IP headers too, as the object's description asks; SMS is never used, so its
// counters stay 0.
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';

/** UDP (8) and IPv4 (20) header bytes around every CoAP datagram. */
const headerBytes = 28;

export class ConnectivityStatistics {
  private collecting = false;
  private timer: NodeJS.Timeout | undefined;
  private tx = 0;
  private rx = 0;
  private messages = 0;
  private max = 0;

  constructor(
    private readonly store: () => ObjectStore,
    private readonly has: (fault: ClientFault) => boolean,
  ) {}

  /** Execute /7/0/6. */
  start(): void {
    if (!this.has('stats-start-keeps-counters')) {
      this.tx = this.rx = this.messages = this.max = 0;
      this.publish();
    }
    this.collecting = true;
    clearTimeout(this.timer);
    const period = this.store().value(7, 0, 8);
    if (typeof period === 'number' && period > 0) this.timer = setTimeout(() => this.stop(), period * 1000);
  }

  /** Execute /7/0/7. */
  stop(): void {
    if (this.has('stats-stop-ignored')) return;
    this.collecting = false;
    clearTimeout(this.timer);
  }

  /** A datagram the device sent or received on one of its connections (CoAP bytes). */
  count(direction: 'tx' | 'rx', bytes: number): void {
    if (!this.collecting || this.has('stats-not-collected')) return;
    const size = bytes + headerBytes;
    if (direction === 'tx') this.tx += size;
    else this.rx += size;
    this.messages++;
    this.max = Math.max(this.max, size);
    this.publish();
  }

  /** A reboot forgets the collection (the counters start from the factory values again). */
  clear(): void {
    this.collecting = false;
    clearTimeout(this.timer);
    this.tx = this.rx = this.messages = this.max = 0;
  }

  private publish(): void {
    const store = this.store();
    if (!store.instance(7, 0)) return;
    const set = (r: number, v: number) => {
      if (store.value(7, 0, r) !== v) store.set(7, 0, r, v);
    };
    set(0, 0);
    set(1, 0);
    set(2, Math.floor(this.tx / 1024));
    set(3, Math.floor(this.rx / 1024));
    set(4, this.max);
    set(5, this.messages === 0 ? 0 : Math.round((this.tx + this.rx) / this.messages));
  }
}
