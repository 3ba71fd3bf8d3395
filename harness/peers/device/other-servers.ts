// The simulated device's registrations with the LwM2M servers beyond its first (Core §6.2: a
// client registers with every server it holds an account for; ETS C.14). Each has a connection
// of its own, and each server's requests are served as that server's: its Short Server ID picks
// its attributes, its observations notify over its own connection. The first server's
// registration (and Send, bootstrap, retries) stays with the reference client.
import type { CoapEndpoint, IncomingRequest } from '../../coap/endpoint.ts';
import type { PathIds } from '../../lwm2m/path.ts';
import { accountTransport, AccountLink, type AccountLinkDeps } from './account-link.ts';
import { serverAccounts } from './accounts.ts';
import type { AttributeStore } from './attribute-store.ts';
import type { ClientFault } from './faults.ts';
import { Management } from './management.ts';
import type { ObjectStore } from './object-store.ts';
import { ObserveEngine } from './observe-engine.ts';

export interface OtherServersDeps {
  store(): ObjectStore;
  readonly attributes: AttributeStore;
  readonly version: '1.0' | '1.1' | '1.2';
  /** The Register query for the account in Server instance `instance` (ep, lt, lwm2m, b). */
  registerQuery(instance: number): string[];
  objectList(): string;
  /** Connection settings shared with the first server's link (bind address, timers, trace, taps). */
  link: Omit<AccountLinkDeps, 'handle' | 'has' | 'log'>;
  /** Runs an executable resource for any server (Reboot, Start, …). */
  execute(ids: PathIds, args: string): string;
  /** Fraction of the lifetime after which an Update goes. */
  updateFraction: number;
  has(fault: ClientFault): boolean;
  log(line: string): void;
}

/** One registration beyond the first. */
class OtherServer {
  private location: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly link: AccountLink;
  readonly observations: ObserveEngine;
  private readonly management: Management;

  constructor(
    readonly ssid: number,
    readonly serverInstance: number,
    readonly securityInstance: number,
    private readonly deps: OtherServersDeps,
  ) {
    this.link = new AccountLink(`device (server ${ssid})`, { ...deps.link, has: deps.has, log: deps.log, handle: (req) => this.handle(req) });
    const account = () => ({ ssid, serverInstance, securityInstance });
    this.observations = new ObserveEngine({
      coap: () => this.link.current as CoapEndpoint,
      store: deps.store,
      attributes: deps.attributes,
      management: () => this.management,
      account,
      version: deps.version,
      has: deps.has,
      log: deps.log,
    });
    this.management = new Management(deps.store(), deps.attributes, {
      ssid,
      version: deps.version,
      has: deps.has,
      written: (paths) => {
        this.observations.reschedule();
        if (paths.includes(`/1/${serverInstance}/1`)) void this.update([`lt=${this.lifetimeS}`]);
      },
      objectsChanged: () => setImmediate(() => void this.update([], true)),
      execute: (ids, args) => {
        if (ids[0] === 1 && ids[1] === serverInstance && ids[2] === 8) {
          setImmediate(() => void this.update([]));
          return '2.04';
        }
        return deps.execute(ids, args);
      },
      observe: (req, paths, format, composite, query) => this.observations.start(req, paths, format, composite, query),
    });
  }

  private get lifetimeS(): number {
    const v = this.deps.store().value(1, this.serverInstance, 1);
    return typeof v === 'number' ? v : 86400;
  }

  private handle(req: IncomingRequest) {
    return this.management.handle(req);
  }

  async register(attempt = 1): Promise<void> {
    if (this.stopped) return;
    try {
      const transport = accountTransport(this.deps.store(), this.securityInstance, undefined, this.deps.has);
      const coap = await this.link.open(transport);
      this.deps.log(`register to ${transport.uri} (server ${this.ssid})`);
      const response = await coap.request(transport.location.peer, {
        method: 'POST', path: '/rd', query: this.deps.registerQuery(this.serverInstance), payload: this.deps.objectList(), contentFormat: 40,
      });
      if (this.stopped) return;
      if (response.code === '2.01' && response.locationPath) {
        this.location = response.locationPath;
        this.deps.log(`registered at ${this.location} (server ${this.ssid})`);
        this.scheduleUpdate();
        return;
      }
      this.deps.log(`register refused by server ${this.ssid}: ${response.code}`);
    } catch (error) {
      if (this.stopped) return;
      this.deps.log(`register to server ${this.ssid} failed: ${(error as Error).message}`);
    }
    // A few attempts, further apart each time, then this server is given up until the next start.
    if (attempt < 5) this.later(1000 * 2 ** (attempt - 1), () => void this.register(attempt + 1));
  }

  private scheduleUpdate(): void {
    this.later(this.lifetimeS * 1000 * this.deps.updateFraction, () => void this.update([]));
  }

  private later(ms: number, action: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.stopped) action();
    }, Math.min(ms, 2 ** 31 - 1));
  }

  private async update(query: string[], withObjects = false): Promise<void> {
    const coap = this.link.current;
    if (!this.location || !coap || this.stopped) return;
    try {
      const transport = accountTransport(this.deps.store(), this.securityInstance, undefined, this.deps.has);
      const response = await coap.request(transport.location.peer, {
        method: 'POST', path: this.location, query, ...(withObjects ? { payload: this.deps.objectList(), contentFormat: 40 } : {}),
      });
      if (this.stopped) return;
      if (response.code === '4.04') {
        void this.register();
        return;
      }
    } catch (error) {
      if (this.stopped) return;
      this.deps.log(`update to server ${this.ssid} failed: ${(error as Error).message}`);
    }
    this.scheduleUpdate();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.observations.clear();
    await this.link.close();
  }
}

/** The registrations with every usable server account but the first. */
export class OtherServers {
  private readonly servers = new Map<number, OtherServer>();

  constructor(private readonly deps: OtherServersDeps) {}

  /** Registers with each server account other than `firstSsid` (after a start or a bootstrap). */
  start(firstSsid: number): void {
    if (this.deps.has('registers-first-server-only')) return;
    for (const account of serverAccounts(this.deps.store())) {
      if (account.ssid === firstSsid || !account.security || account.security.uri === '' || this.servers.has(account.ssid)) continue;
      const server = new OtherServer(account.ssid, account.instance, account.security.instance, this.deps);
      this.servers.set(account.ssid, server);
      void server.register();
    }
  }

  /** Values changed: each server's observations judge them. */
  changed(paths: readonly string[]): void {
    for (const server of this.servers.values()) server.observations.changed(paths);
  }

  /** A reboot, a new bootstrap or the end: every connection closes, every registration is forgotten. */
  async stop(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(servers.map((s) => s.stop()));
  }
}
