// The reference LwM2M client (simulated device): registers, updates before its lifetime ends,
// registers again after a 4.04 to an Update, and serves the Device Management and Information
// Reporting interfaces over its object store (management.ts, observe-engine.ts, send.ts).
// Fault switches make it misbehave on purpose.
import type { CoapEndpoint, IncomingRequest, ResponseSpec } from '../../coap/endpoint.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import type { PathIds } from '../../lwm2m/path.ts';
import type { LwM2mValue } from '../../lwm2m/value.ts';
import { accountTransport, AccountLink } from './account-link.ts';
import { bootstrapAccount, usableServer, type DeviceAccount } from './accounts.ts';
import { AttributeStore } from './attribute-store.ts';
import { BootstrapClient } from './bootstrap-client.ts';
import { buildObjects, saveConfiguration, type SavedConfiguration } from './device-objects.ts';
import { afterFailedAttempt, retryPolicyOf, type RetryState } from './registration-retry.ts';
import { rfc7252Defaults } from '../../coap/transmission.ts';
import type { ClientFault } from './faults.ts';
import { parseServerLocation, type DeviceSecurity } from './client-security.ts';
import { FirmwareUpdate } from './firmware-update.ts';
import { attachAppData } from './app-data.ts';
import { attachConnectivity } from './connectivity.ts';
import { EventLog } from './event-log.ts';
import { Management } from './management.ts';
import type { ObjectStore } from './object-store.ts';
import { ObserveEngine } from './observe-engine.ts';
import { Sender } from './send.ts';
import { Sensors, setFromText } from './sensors.ts';
import { ConnectivityStatistics } from './connectivity-statistics.ts';
import { applyValueFaults } from './value-faults.ts';
import { OtherServers } from './other-servers.ts';

export interface ClientOptions {
  /** coap://host:port of the LwM2M server, or coaps://host:port with `security`. */
  serverUri?: string;
  /** coap://host:port of the bootstrap server: a bootstrap account in Security instance 1 (ETS C.13 without serverUri). */
  bootstrapUri?: string;
  /** The factory server account's Server instance, Short Server ID and Security instance (default C.1: 0, 1, 0). */
  account?: Partial<DeviceAccount>;
  /** Client Hold Off Time (/0/x/11 of the bootstrap account) before a client-initiated bootstrap, seconds. */
  holdOffS?: number;
  /** Bootstrap with a Bootstrap-Pack-Request (GET /bspack?ep=…, LwM2M 1.2) instead of POST /bs. */
  bootstrapPack?: boolean;
  /** Credentials for a coaps:// factory server account; each (re)start of the device redoes the handshake. Bootstrapped accounts bring their own. */
  security?: DeviceSecurity;
  endpoint: string;
  lifetimeS?: number;
  version?: '1.0' | '1.1' | '1.2';
  /** A later LwM2M version offered in the first Register after each start; a 4.12 to it makes the device fall back to `version`. */
  firstVersion?: '1.0' | '1.1' | '1.2';
  binding?: string;
  /** Fraction of the lifetime after which the client sends its Update. */
  updateFraction?: number;
  faults?: readonly ClientFault[];
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
  /** Local address to bind; default: loopback of the server's family. */
  bindAddress?: string;
  /** Seconds between Sends of `sendPaths` (periodic Send configured); absent: no periodic Send. */
  sendEverySeconds?: number;
  sendPaths?: readonly string[];
  /** Notifies only changes it makes itself (`set`, varying values), not values a server wrote, as many devices do. */
  notifyOwnChangesOnly?: boolean;
  /** Values the device holds from every start, as text by path (`--set /3/0/16=UQ`): a device configured unlike the ETS. */
  presetValues?: Readonly<Record<string, string>>;
  /** Seconds between steps of the varying values (voltage, current, temperature); absent: fixed. */
  varyEverySeconds?: number;
  /** Bytes of storage for a firmware package (default 32 KiB). */
  firmwareStorageBytes?: number;
  log?: (line: string) => void;
}

type State = 'stopped' | 'registering' | 'registered' | 'disabled';

/** The C.1 numbering of the factory server account. */
export const c1DeviceAccount: DeviceAccount = { serverInstance: 0, ssid: 1, securityInstance: 0 };

/** What the device sends periodically unless told otherwise: the Lifetime of its server account and Error Code. */
export function defaultSendPaths(serverInstance = c1DeviceAccount.serverInstance): string[] {
  return [`/1/${serverInstance}/1`, '/3/0/11/0'];
}

export function parseServerUri(uri: string): PeerAddress {
  return parseServerLocation(uri).peer;
}

export class ReferenceClient {
  private state: State = 'stopped';
  private location: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Failed Register attempts in the current communication sequence, and failed sequences. */
  private tries: RetryState = { attempts: 0, sequences: 0 };
  /** The configuration (Security, Server, ACL) the last accepted bootstrap gave; a reboot keeps it. */
  private saved: SavedConfiguration | undefined;
  private objects: ObjectStore;
  private readonly attributes = new AttributeStore();
  private management: Management;
  private readonly observations: ObserveEngine;
  readonly sender: Sender;
  readonly sensors: Sensors;
  /** Object 5 and the firmware it installs; its conditions are switched from the console. */
  readonly firmware: FirmwareUpdate;
  /** Object 7: what the server links carry while a collection runs. */
  private readonly statistics: ConnectivityStatistics;
  /** Registrations with the server accounts beyond the first (C.14). */
  private readonly others: OtherServers;
  /** Event Log /20: LogStart and LogStop. */
  private readonly eventLog = new EventLog((f) => this.has(f));
  private readonly faults: ReadonlySet<ClientFault>;
  /** Where the LwM2M server is: the factory account's, then the one bootstrap provided. */
  private server: PeerAddress;
  private readonly bootstrap: BootstrapClient;
  private generation = 0;
  /** What to do once the Register in flight is accepted (onceRegistered). */
  private readonly whenRegistered: (() => void)[] = [];
  private handlingServerRequest = false;
  /** The LwM2M version the next Register offers: `firstVersion` after a start, `version` once that was refused. */
  private offered: string;
  /** One connection per account: the bootstrap server's, and the LwM2M server's. */
  private readonly bootstrapLink: AccountLink;
  private readonly serverLink: AccountLink;

  private constructor(
    private readonly options: Required<Pick<ClientOptions, 'endpoint' | 'lifetimeS' | 'version' | 'binding' | 'updateFraction'>> & ClientOptions,
  ) {
    this.faults = new Set(options.faults ?? []);
    this.offered = options.firstVersion ?? options.version;
    this.server = parseServerUri(options.serverUri ?? options.bootstrapUri ?? '');
    if (options.serverUri && parseServerLocation(options.serverUri).secure && !options.security) throw new Error(`${options.serverUri} needs DTLS credentials (PSK or certificate)`);
    if (options.bootstrapUri && parseServerLocation(options.bootstrapUri).secure) throw new Error(`${options.bootstrapUri}: the reference device reaches its bootstrap server over plain CoAP only`);
    const link = (name: string) => new AccountLink(name, {
      ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}),
      ...(options.params ? { params: options.params } : {}),
      ...(options.trace ? { trace: options.trace } : {}),
      has: (f) => this.has(f),
      log: (line) => this.log(line),
      handle: (req) => this.handle(req),
      block1: (b) => {
        if (b.method === 'PUT' && b.path === '/5/0/0') this.firmware.pushBlock(b.num, b.size, b.size1);
      },
      traffic: (direction, bytes) => this.statistics.count(direction, bytes),
    });
    this.statistics = new ConnectivityStatistics(() => this.objects, (f) => this.has(f));
    this.others = new OtherServers({
      store: () => this.objects,
      attributes: this.attributes,
      version: options.version,
      registerQuery: (instance) => this.registerQuery(instance),
      objectList: () => this.objectList(),
      link: {
        ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}),
        ...(options.params ? { params: options.params } : {}),
        ...(options.trace ? { trace: options.trace } : {}),
        traffic: (direction, bytes) => this.statistics.count(direction, bytes),
      },
      execute: (ids, args) => this.execute(ids, args),
      updateFraction: options.updateFraction,
      has: (f) => this.has(f),
      log: (line) => this.log(line),
    });
    this.bootstrapLink = link('device (bootstrap account)');
    this.serverLink = link('device');
    this.firmware = new FirmwareUpdate({
      storageBytes: options.firmwareStorageBytes ?? 32 * 1024,
      has: (f) => this.has(f),
      log: (line) => this.log(line),
      ...(options.params ? { params: options.params } : {}),
      ...(options.trace ? { trace: options.trace } : {}),
    });
    this.objects = this.freshObjects();
    this.observations = new ObserveEngine({
      coap: () => this.coap,
      store: () => this.objects,
      attributes: this.attributes,
      management: () => this.management,
      account: () => this.account,
      version: options.version,
      has: (f) => this.has(f),
      log: (line) => this.log(line),
    });
    this.management = this.freshManagement();
    this.sender = new Sender({
      coap: () => this.coap,
      server: () => this.server,
      store: () => this.objects,
      account: () => this.account,
      registered: () => this.state === 'registered',
      has: (f) => this.has(f),
      log: (line) => this.log(line),
    });
    this.sensors = new Sensors(() => this.objects);
    this.bootstrap = new BootstrapClient({
      coap: () => this.bootstrapLink.current!,
      store: () => this.objects,
      endpoint: options.endpoint,
      version: options.version,
      ...(options.bootstrapPack ? { pack: true } : {}),
      parseUri: parseServerUri,
      has: (f) => this.has(f),
      finished: () => {
        // The device's own settings win over what the bootstrap wrote; then committed as a device writes its configuration to flash.
        this.applyPresets(this.objects);
        this.saved = saveConfiguration(this.objects);
        this.bootstrapFinished();
      },
      log: (line) => this.log(line),
    });
  }

  static async create(options: ClientOptions): Promise<ReferenceClient> {
    const client = new ReferenceClient({ lifetimeS: 86400, version: '1.1', binding: 'U', updateFraction: 0.5, ...options });
    // The bootstrap account's plain socket is bound once; the server account's link opens when the
    // device registers (with DTLS, the handshake is retried like a Register).
    const account = bootstrapAccount(client.objects);
    if (account) await client.bootstrapLink.open(accountTransport(client.objects, account.instance, undefined, () => false));
    return client;
  }

  /** The endpoint towards the LwM2M server the device registers to. */
  private get coap(): CoapEndpoint {
    return this.serverLink.current!;
  }

  get registrationState(): State {
    return this.state;
  }

  get local(): PeerAddress {
    return (this.serverLink.current ?? this.bootstrapLink.current)!.local;
  }

  /** The device's values (for tests and the `set` command). */
  get store(): ObjectStore {
    return this.objects;
  }

  /** Powers on: registers to the server, and starts its periodic Send and varying values. */
  start(): void {
    this.generation++;
    this.whenRegistered.length = 0;
    this.tries = { attempts: 0, sequences: 0 };
    this.offered = this.options.firstVersion ?? this.options.version;
    if (this.options.sendEverySeconds) this.sender.every(this.options.sendEverySeconds, this.options.sendPaths ?? defaultSendPaths(this.account.serverInstance));
    if (this.options.varyEverySeconds) this.sensors.every(this.options.varyEverySeconds);
    // Without a server account the device bootstraps first (Core §6.1.3), after its hold-off.
    if ((!usableServer(this.objects) || this.has('bootstrap-at-every-boot')) && this.bootstrap.possible) {
      if (!this.has('no-client-initiated-bootstrap')) this.bootstrap.begin();
      return;
    }
    void this.register();
  }

  /** After an accepted Bootstrap-Finish: registers afresh, to the server account it was given (register() opens its link). */
  private bootstrapFinished(): void {
    this.generation++;
    void this.others.stop();
    this.cancelTimer();
    this.tries = { attempts: 0, sequences: 0 };
    void this.register();
  }

  /**
   * A reboot: keeps the configuration the last bootstrap gave (else the factory one), forgets its
   * registration, observations, attributes and other values, then registers afresh.
   */
  reboot(): void {
    this.cancelTimer();
    this.bootstrap.stop();
    this.location = undefined;
    this.observations.clear();
    void this.others.stop();
    this.attributes.clear();
    this.statistics.clear();
    this.objects = this.freshObjects();
    this.management = this.freshManagement();
    this.serverLink.lost(); // a rebooted device has lost its DTLS session
    if (this.has('message-ids-restart-on-reboot')) this.serverLink.current?.restartMessageIds();
    this.log('reboot');
    this.start();
  }

  /** Back to the factory configuration (without a server account: ETS C.13), then a reboot. */
  factoryReset(): void {
    this.saved = undefined;
    this.log('factory reset');
    this.reboot();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.cancelTimer();
    this.bootstrap.stop();
    this.observations.clear();
    this.sender.stop();
    this.sensors.stop();
    this.firmware.stop();
    this.statistics.clear();
    await this.others.stop();
    this.state = 'stopped';
    await this.serverLink.close();
    await this.bootstrapLink.close();
  }

  private freshObjects(): ObjectStore {
    const factory = this.factoryAccount;
    const store = buildObjects({
      serverUri: this.options.serverUri, bootstrapUri: this.options.bootstrapUri, holdOffS: this.options.holdOffS,
      shortServerId: factory.ssid, serverInstance: factory.serverInstance, securityInstance: factory.securityInstance,
      lifetimeS: this.options.lifetimeS, binding: this.options.binding,
    }, this.saved);
    applyValueFaults(store, (f) => this.has(f));
    this.applyPresets(store);
    this.firmware.attach(store);
    attachConnectivity(store, (f) => this.has(f));
    attachAppData(store, (f) => this.has(f));
    this.eventLog.attach(store);
    const account = usableServer(store);
    if (account) this.server = parseServerUri(account.uri);
    store.onChange((paths) => {
      if (this.handlingServerRequest && this.options.notifyOwnChangesOnly) return;
      this.observations?.changed(paths);
      this.others?.changed(paths);
    });
    return store;
  }

  /** Sets the values the device holds unlike the ETS (--set). */
  private applyPresets(store: ObjectStore): void {
    for (const [path, text] of Object.entries(this.options.presetValues ?? {})) {
      const problem = setFromText(store, path, text);
      if (problem) this.log(`--set ${path}=${text}: ${problem}`);
    }
  }

  private get factoryAccount(): DeviceAccount {
    return { ...c1DeviceAccount, ...this.options.account };
  }

  /** The server account in use: the one it registers to, else the factory's numbers. */
  private get account(): DeviceAccount {
    const usable = usableServer(this.objects);
    return usable ? { serverInstance: usable.serverInstance, ssid: usable.ssid, securityInstance: usable.securityInstance } : this.factoryAccount;
  }

  private freshManagement(): Management {
    const client = this;
    return new Management(this.objects, this.attributes, {
      get ssid() {
        return client.account.ssid;
      },
      version: this.options.version,
      has: (f) => this.has(f),
      written: (paths) => this.written(paths),
      objectsChanged: () => setImmediate(() => void this.update([], true)),
      execute: (ids, args) => this.execute(ids, args),
      firmwareWrite: (resource, value) => (resource === 0 ? this.firmware.writePackage(value as LwM2mValue) : this.firmware.writeUri(value as LwM2mValue)),
      observe: (req, paths, format, composite, query) => this.observations.start(req, paths, format, composite, query),
    });
  }

  private get lifetimeS(): number {
    return this.lifetimeOf(this.account.serverInstance);
  }

  private get binding(): string {
    return this.bindingOf(this.account.serverInstance);
  }

  private lifetimeOf(instance: number): number {
    const v = this.objects.value(1, instance, 1);
    return typeof v === 'number' ? v : this.options.lifetimeS;
  }

  private bindingOf(instance: number): string {
    const v = this.objects.value(1, instance, 7);
    return typeof v === 'string' ? v : this.options.binding;
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private has(fault: ClientFault): boolean {
    return this.faults.has(fault);
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number, action: () => void): void {
    this.cancelTimer();
    const generation = this.generation;
    // setTimeout holds at most 2^31-1 ms (about 24.8 days); longer lifetimes wait that long first.
    this.timer = setTimeout(() => {
      if (generation === this.generation) action();
    }, Math.min(delayMs, 2 ** 31 - 1));
  }

  /** The Register query for the account in Server instance `instance` (default: the first server's). */
  private registerQuery(instance = this.account.serverInstance): string[] {
    const query = [`ep=${this.has('register-wrong-endpoint') ? `${this.options.endpoint}-other` : this.options.endpoint}`];
    query.push(`lt=${this.has('bootstrap-lifetime-ignored') ? this.options.lifetimeS : this.lifetimeOf(instance)}`);
    if (!this.has('register-without-version')) query.push(`lwm2m=${this.offered}`);
    query.push(`b=${this.has('register-invalid-binding') ? 'UQ' : this.bindingOf(instance)}`);
    return query;
  }

  private objectList(): string {
    const ct = this.has('register-unquoted-ct') ? '60 110 112' : this.options.version === '1.0' ? '11542' : '112';
    const links: string[] = [`</>;rt="oma.lwm2m";ct=${ct}`];
    if (this.has('register-lists-security-object')) links.push('</0/0>');
    for (const objectId of this.objects.objectIds()) {
      if (objectId === 0) continue;
      const version = this.objects.model.object(objectId)?.version;
      const instances = this.objects.instanceIds(objectId);
      if (version && version !== '1.0') links.push(`</${objectId}>;ver=${version}`);
      else if (instances.length === 0) links.push(`</${objectId}>`);
      for (const instanceId of instances) links.push(`</${objectId}/${instanceId}>`);
    }
    return links.join(',');
  }

  private async register(): Promise<void> {
    const generation = this.generation;
    this.state = 'registering';
    this.location = undefined;
    const account = usableServer(this.objects);
    if (!account) {
      this.log('no server account to register to');
      this.state = 'stopped';
      return;
    }
    this.log(`register to ${account.uri}`);
    try {
      const transport = accountTransport(this.objects, account.securityInstance, this.options.security, (f) => this.has(f));
      const coap = await this.serverLink.open(transport);
      if (generation !== this.generation) return;
      this.server = transport.location.peer;
      const response = await coap.request(this.server, {
        method: 'POST',
        path: '/rd',
        query: this.registerQuery(),
        payload: this.objectList(),
        contentFormat: this.has('register-text-content-format') ? 0 : 40,
      });
      if (generation !== this.generation) return;
      if (response.code === '2.01' && response.locationPath) {
        this.location = response.locationPath;
        this.state = 'registered';
        this.tries = { attempts: 0, sequences: 0 };
        this.log(`registered at ${this.location}`);
        this.scheduleUpdate();
        this.others.start(account.ssid);
        for (const action of this.whenRegistered.splice(0)) setImmediate(action);
        return;
      }
      this.log(`register refused: ${response.code}`);
      // Version negotiation: a server that refuses the later version gets the device's own at once.
      if (response.code === '4.12' && this.offered !== this.options.version && !this.has('version-fallback-repeats-version')) {
        this.log(`LwM2M ${this.offered} refused: registering with ${this.options.version}`);
        this.offered = this.options.version;
        void this.register();
        return;
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.log(`register failed: ${(error as Error).message}`);
    }
    this.registrationFailed();
  }

  /** After a failed Register: the next attempt, or (all sequences failed) a bootstrap when /1/x/16 allows it. */
  private registrationFailed(): void {
    const account = usableServer(this.objects);
    const policy = retryPolicyOf(this.objects, account?.serverInstance ?? 0, this.options.params?.ackTimeoutMs ?? rfc7252Defaults.ackTimeoutMs);
    const next = afterFailedAttempt(this.tries, policy);
    if (next !== 'failed') {
      this.schedule(next.retryInMs, () => void this.register());
      return;
    }
    if (policy.bootstrapOnFailure && this.bootstrap.possible && !this.has('no-bootstrap-fallback')) {
      this.log('registration failed: falling back to bootstrap');
      this.state = 'stopped';
      this.bootstrap.begin();
      return;
    }
    // Nothing else to try: a new round of sequences after the sequence delay.
    this.log('registration failed');
    this.schedule(policy.sequenceDelayMs, () => void this.register());
  }

  private scheduleUpdate(): void {
    if (this.has('no-periodic-update')) return;
    this.schedule(this.lifetimeS * 1000 * this.options.updateFraction, () => void this.update([]));
  }

  /** Update (Core §6.2.2): parameters that changed, and the object list when instances came or went. */
  private async update(query: string[], withObjects = false): Promise<void> {
    if (this.state !== 'registered' || !this.location) return;
    const generation = this.generation;
    this.log(`update ${query.join('&') || '(no parameters)'}${withObjects ? ' with object list' : ''}`);
    try {
      const response = await this.coap.request(this.server, {
        method: 'POST',
        path: this.location,
        query,
        ...(withObjects ? { payload: this.objectList(), contentFormat: 40 } : {}),
      });
      if (generation !== this.generation) return;
      if (response.code === '2.04') {
        this.scheduleUpdate();
        return;
      }
      this.log(`update refused: ${response.code}`);
      if (response.code === '4.04' && !this.has('no-reregister-after-not-found')) {
        void this.register();
        return;
      }
      this.scheduleUpdate();
    } catch (error) {
      if (generation !== this.generation) return;
      this.log(`update failed: ${(error as Error).message}`);
      void this.register();
    }
  }

  private async deregister(): Promise<void> {
    if (!this.location) return;
    const location = this.location;
    this.location = undefined;
    this.log(`de-register ${location}`);
    try {
      await this.coap.request(this.server, { method: 'DELETE', path: location });
    } catch (error) {
      this.log(`de-register failed: ${(error as Error).message}`);
    }
  }

  private handle(req: IncomingRequest): ResponseSpec {
    if (this.bootstrap.owns(req)) return this.bootstrap.handle(req);
    // Changes made while a server request is handled are the server's, not the device's own.
    this.handlingServerRequest = true;
    try {
      return this.management.handle(req);
    } finally {
      this.handlingServerRequest = false;
    }
  }

  /**
   * After a write: a new lifetime or binding is told to the server at once (Core §6.2.2). A write
   * that overtook the answer to the Register (its 2.01 lost and the Register retransmitted) is
   * told once the registration is accepted: the Register carried the old values.
   */
  private written(paths: readonly string[]): void {
    this.observations.reschedule();
    const server = `/1/${this.account.serverInstance}`;
    const lifetime = paths.includes(`${server}/1`) && !this.has('ignore-lifetime-write');
    const binding = paths.includes(`${server}/7`);
    if (!lifetime && !binding) return;
    // The values as they are when the Update goes, not when the write came.
    this.onceRegistered(() => void this.update([...(lifetime ? [`lt=${this.lifetimeS}`] : []), ...(binding ? [`b=${this.binding}`] : [])]));
  }

  /** A Registration Update now, as Execute /1/x/8 asks (also the console's `update`); faults bend it. */
  triggerUpdate(): void {
    if (this.has('update-trigger-ignored')) return;
    const query = this.has('update-trigger-with-params') ? [`lt=${this.lifetimeS}`, `b=${this.binding}`] : [];
    this.onceRegistered(() => void this.update(query));
  }

  /**
   * Runs `action` when registered: at once, or once a Register in flight is accepted. A console
   * command may arrive before the answer to the Register it follows (they travel apart), and a
   * device told to update or de-register then does so on registering rather than dropping it.
   */
  private onceRegistered(action: () => void): void {
    if (this.state === 'registering') this.whenRegistered.push(action);
    else setImmediate(action);
  }

  /** A client-initiated bootstrap now, as Execute /1/x/9 asks (Core §5.2.7.1, 1.1; also the console's `bootstrap`). */
  triggerBootstrap(): void {
    if (!this.has('bootstrap-trigger-ignored')) setImmediate(() => this.bootstrap.begin());
  }

  /** De-register and stay off for the account's Disable Timeout (/1/x/5), as Execute /1/x/4 asks (also the console's `disable`). */
  disable(instance = this.account.serverInstance): void {
    if (this.has('disable-without-deregister')) return;
    this.onceRegistered(() => {
      this.generation++;
      this.cancelTimer();
      this.state = 'disabled';
      void this.deregister();
      const timeout = this.objects.value(1, instance, 5);
      this.schedule((typeof timeout === 'number' ? timeout : 86400) * 1000, () => this.start());
    });
  }

  private execute(ids: PathIds, _args: string): string {
    const [o, i, r] = ids;
    if (o === 1 && r === 8) {
      this.triggerUpdate();
      return '2.04';
    }
    if (o === 1 && r === 9) {
      this.triggerBootstrap();
      return '2.04';
    }
    if (o === 1 && r === 4) {
      this.disable(i);
      return '2.04';
    }
    if (o === 3 && (r === 4 || r === 5)) {
      if (!this.has('reboot-without-register')) setImmediate(() => this.reboot());
      return '2.04';
    }
    if (o === 5 && r === 2) return this.firmware.executeUpdate();
    if (o === 7 && r === 6) this.statistics.start();
    if (o === 7 && r === 7) this.statistics.stop();
    if (o === 20) return this.eventLog.execute(i!, r!);
    return '2.04';
  }
}
