// The reference server's registration table: one registration per endpoint name, addressed by
// its location under /rd, removed when its lifetime passes without an Update.
import { randomBytes } from 'node:crypto';
import type { PeerAddress } from '../../coap/trace.ts';
import type { Link } from '../../lwm2m/formats/link-format.ts';

export interface Registration {
  readonly endpoint: string;
  /** Location path handed out in the 2.01, e.g. '/rd/5a3f0c1d'. */
  readonly location: string;
  /** Where the client's requests come from; the server sends its own requests there. */
  peer: PeerAddress;
  lifetimeS: number;
  version: string;
  binding: string;
  queueMode: boolean;
  sms?: string;
  links: readonly Link[];
  readonly registeredAtMs: number;
  lastUpdateAtMs: number;
  /** Monotonic time (ms) at which the registration expires without an Update. */
  expiresAtMs: number;
}

export class RegistrationTable {
  private readonly byLocation = new Map<string, Registration>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    /** Called when a lifetime passes without an Update. */
    private readonly onExpired: (registration: Registration) => void,
    /** Extra time granted past the lifetime before removal, ms. */
    private readonly graceMs = 0,
    /** Whether registrations expire at all (off only to show a faulty server). */
    private readonly expire = true,
  ) {}

  newLocation(): string {
    let location: string;
    do location = `/rd/${randomBytes(4).toString('hex')}`;
    while (this.byLocation.has(location));
    return location;
  }

  byEndpoint(endpoint: string): Registration | undefined {
    for (const r of this.byLocation.values()) if (r.endpoint === endpoint) return r;
    return undefined;
  }

  at(location: string): Registration | undefined {
    return this.byLocation.get(location);
  }

  all(): Registration[] {
    return [...this.byLocation.values()];
  }

  /** Adds or replaces; a registration of the same endpoint is removed first and returned. */
  add(registration: Registration, replace = true): Registration | undefined {
    const previous = this.byEndpoint(registration.endpoint);
    if (previous && replace) this.remove(previous.location);
    this.byLocation.set(registration.location, registration);
    this.arm(registration);
    return previous;
  }

  /** Restarts the lifetime clock after a successful Update. */
  refresh(registration: Registration, nowMs: number): void {
    registration.lastUpdateAtMs = nowMs;
    registration.expiresAtMs = nowMs + registration.lifetimeS * 1000;
    this.arm(registration);
  }

  remove(location: string): Registration | undefined {
    const registration = this.byLocation.get(location);
    this.byLocation.delete(location);
    clearTimeout(this.timers.get(location));
    this.timers.delete(location);
    return registration;
  }

  clear(): void {
    for (const location of [...this.byLocation.keys()]) this.remove(location);
  }

  private arm(registration: Registration): void {
    clearTimeout(this.timers.get(registration.location));
    if (!this.expire) return;
    const delay = Math.max(0, registration.expiresAtMs - performance.now()) + this.graceMs;
    const timer = setTimeout(() => {
      if (this.byLocation.get(registration.location) !== registration) return;
      this.remove(registration.location);
      this.onExpired(registration);
    }, delay);
    timer.unref();
    this.timers.set(registration.location, timer);
  }
}
