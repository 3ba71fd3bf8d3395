// The reference server's registration table: one registration per endpoint name, addressed by
// its location under /rd, removed when its lifetime passes without an Update. Found by
// endpoint name, by location and by the address its requests come from, each in O(1): a
// server under a registration storm holds 10^5 of them, so what each one costs beyond its own
// fields is kept small (no key object per address, no timer record per lifetime).
import { randomBytes } from 'node:crypto';
import type { PeerAddress } from '../../coap/trace.ts';
import type { Link } from '../../lwm2m/formats/link-format.ts';
import { peerNumberKey } from '../../transport/peer-keys.ts';
import { DeadlineQueue } from './deadlines.ts';
import { FirstIndex } from './first-index.ts';

export interface Registration {
  readonly endpoint: string;
  /** Location path handed out in the 2.01, e.g. '/rd/5a3f0c1d'. */
  readonly location: string;
  /** Where the client's requests come from; the server sends its own requests there. Changed through RegistrationTable.moveTo(). */
  readonly peer: PeerAddress;
  lifetimeS: number;
  version: string;
  binding: string;
  queueMode: boolean;
  sms?: string;
  links: readonly Link[];
  /** Monotonic times in whole ms (performance.now(), rounded down). */
  readonly registeredAtMs: number;
  lastUpdateAtMs: number;
  /** Monotonic time in whole ms (rounded up) at which the registration expires without an Update. */
  expiresAtMs: number;
}

/**
 * One string per client address text: each datagram brings a new copy of it, and the clients
 * behind one NAT (or on one host) share their address.
 */
class AddressTexts {
  private readonly known = new Map<string, string>();

  of(peer: PeerAddress): PeerAddress {
    let address = this.known.get(peer.address);
    if (address === undefined) {
      if (this.known.size >= 4096) this.known.clear();
      address = peer.address;
      this.known.set(address, address);
    }
    return { address, port: peer.port };
  }
}

/**
 * Locations are 8 hex digits that look random yet never repeat within 2^32 registrations: a
 * random start stepped by a random odd number modulo 2^32 visits every value once. A client
 * cannot guess the next one, and no lookup is needed to avoid handing out one in use.
 */
class LocationSequence {
  private next = randomBytes(4).readUInt32BE(0);
  private readonly step = randomBytes(4).readUInt32BE(0) | 1;

  take(): string {
    const value = this.next;
    this.next = (this.next + this.step) >>> 0;
    return `/rd/${value.toString(16).padStart(8, '0')}`;
  }
}

export class RegistrationTable {
  private readonly byLocation = new Map<string, Registration>();
  private readonly locations = new LocationSequence();
  /** With the reregister-keeps-old-registration fault one name has several; the oldest is found. */
  private readonly byName = new FirstIndex<string, Registration>();
  private readonly byPeer = new FirstIndex<number | string, Registration>();
  private readonly addresses = new AddressTexts();
  /** Lifetime ends; a registration's own expiresAtMs says which of its entries is current. */
  private readonly expiries: DeadlineQueue<Registration>;

  constructor(
    /** Called when a lifetime passes without an Update. */
    private readonly onExpired: (registration: Registration) => void,
    /** Extra time granted past the lifetime before removal, ms. */
    private readonly graceMs = 0,
    /** Whether registrations expire at all (off only to show a faulty server). */
    private readonly expire = true,
  ) {
    const table = this;
    this.expiries = new DeadlineQueue<Registration>({
      isCurrent: (registration, atMs) => this.expire && this.byLocation.get(registration.location) === registration && registration.expiresAtMs + this.graceMs === atMs,
      due: (registration) => {
        this.remove(registration.location);
        this.onExpired(registration);
      },
      get scheduled() {
        return table.expire ? table.size : 0;
      },
    });
  }

  get size(): number {
    return this.byLocation.size;
  }

  newLocation(): string {
    return this.locations.take();
  }

  byEndpoint(endpoint: string): Registration | undefined {
    return this.byName.get(endpoint);
  }

  at(location: string): Registration | undefined {
    return this.byLocation.get(location);
  }

  /** The registration whose requests come from this address and port (the oldest, if several). */
  from(peer: PeerAddress): Registration | undefined {
    return this.byPeer.get(peerNumberKey(peer));
  }

  all(): Registration[] {
    return [...this.byLocation.values()];
  }

  /** Adds or replaces; a registration of the same endpoint is removed first and returned. */
  add(registration: Registration, replace = true): Registration | undefined {
    const previous = this.byEndpoint(registration.endpoint);
    if (previous && replace) this.remove(previous.location);
    (registration as { peer: PeerAddress }).peer = this.addresses.of(registration.peer);
    this.byLocation.set(registration.location, registration);
    this.byName.add(registration.endpoint, registration);
    this.byPeer.add(peerNumberKey(registration.peer), registration);
    this.arm(registration);
    return previous;
  }

  /** The client's requests now come from `peer` (an Update from a new address or port). */
  moveTo(registration: Registration, peer: PeerAddress): void {
    if (registration.peer.address === peer.address && registration.peer.port === peer.port) return;
    const known = this.byLocation.get(registration.location) === registration;
    if (known) this.byPeer.delete(peerNumberKey(registration.peer), registration);
    (registration as { peer: PeerAddress }).peer = this.addresses.of(peer);
    if (known) this.byPeer.add(peerNumberKey(peer), registration);
  }

  /** Restarts the lifetime clock after a successful Update. */
  refresh(registration: Registration, nowMs: number): void {
    registration.lastUpdateAtMs = Math.floor(nowMs);
    registration.expiresAtMs = Math.ceil(nowMs + registration.lifetimeS * 1000);
    this.arm(registration);
  }

  remove(location: string): Registration | undefined {
    const registration = this.byLocation.get(location);
    if (!registration) return undefined;
    this.byLocation.delete(location);
    this.byName.delete(registration.endpoint, registration);
    this.byPeer.delete(peerNumberKey(registration.peer), registration);
    this.expiries.dropped();
    return registration;
  }

  clear(): void {
    this.byLocation.clear();
    this.byName.clear();
    this.byPeer.clear();
    this.expiries.clear();
  }

  private arm(registration: Registration): void {
    if (!this.expire || this.byLocation.get(registration.location) !== registration) return;
    this.expiries.schedule(registration, registration.expiresAtMs + this.graceMs);
  }
}
