// Event Log /20 on the simulated device: LogStart /20/x/4011 empties the data collection and
// starts it (LogStatus 0, running), LogStop /20/x/4012 stops it and keeps the data (1st LSB of
// LogStatus set). While running, the device logs each change of its other values as a
// "<time> <path>" line in LogData /20/x/4014, and marks it valid (2nd LSB).
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';
import { logStatus } from './additional-objects.ts';

export class EventLog {
  private store: ObjectStore | undefined;
  private readonly running = new Set<number>();

  constructor(private readonly has: (fault: ClientFault) => boolean) {}

  /** Follows a fresh object store: the collection is as the store holds it (C.16: stopped). */
  attach(store: ObjectStore): void {
    this.store = store;
    this.running.clear();
    if (this.has('event-log-data-lost')) for (const i of store.instanceIds(20)) store.set(20, i, 4014, new Uint8Array());
    store.onChange((paths) => {
      const logged = paths.filter((p) => !p.startsWith('/20/') && p !== '/20');
      if (logged.length > 0) for (const i of this.running) this.append(i, logged);
    });
  }

  /** Execute of LogStart or LogStop on /20/i; the code to answer with. */
  execute(i: number, r: number): string {
    const store = this.store;
    if (!store?.instance(20, i)) return '4.04';
    if (r === 4011) {
      if (this.has('event-log-start-ignored')) return '2.04';
      this.running.add(i);
      store.set(20, i, 4014, new Uint8Array());
      store.set(20, i, 4013, 0);
      return '2.04';
    }
    if (r === 4012) {
      this.running.delete(i);
      const data = store.value(20, i, 4014);
      store.set(20, i, 4013, logStatus.stopped | (data instanceof Uint8Array && data.length > 0 ? logStatus.validData : 0));
      return '2.04';
    }
    return '4.05';
  }

  private append(i: number, paths: readonly string[]): void {
    const store = this.store!;
    const before = store.value(20, i, 4014);
    const lines = paths.map((p) => `${Math.floor(Date.now() / 1000)} ${p}\n`).join('');
    store.set(20, i, 4014, Buffer.concat([before instanceof Uint8Array ? before : new Uint8Array(), Buffer.from(lines)]));
    store.set(20, i, 4013, logStatus.validData);
  }
}
