// The reference LwM2M client (simulated device) for the Registration interface: registers,
// updates before its lifetime ends, registers again after a 4.04 to an Update, and acts on
// the Server object's executables and lifetime writes. Fault switches make it misbehave on purpose.
import { CoapEndpoint, type IncomingRequest, type ResponseSpec } from '../../coap/endpoint.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import { buildObjects, type ObjectTree } from './device-objects.ts';
import type { ClientFault } from './faults.ts';

export interface ClientOptions {
  /** coap://host:port of the LwM2M server. */
  serverUri: string;
  endpoint: string;
  lifetimeS?: number;
  version?: '1.0' | '1.1' | '1.2';
  binding?: string;
  /** Fraction of the lifetime after which the client sends its Update. */
  updateFraction?: number;
  faults?: readonly ClientFault[];
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
  /** Local address to bind; default: loopback of the server's family. */
  bindAddress?: string;
  log?: (line: string) => void;
}

type State = 'stopped' | 'registering' | 'registered' | 'disabled';

const retryDelaysMs = [1000, 2000, 4000, 8000, 16000, 30000];

export function parseServerUri(uri: string): PeerAddress {
  const match = /^coap:\/\/(\[[0-9a-fA-F:.]+\]|[^:/\[\]]+)(?::(\d+))?\/?$/.exec(uri);
  if (!match) throw new Error(`not a coap:// server URI: "${uri}"`);
  const host = match[1]!.replace(/^\[|\]$/g, '');
  return { address: host === 'localhost' ? '127.0.0.1' : host, port: match[2] ? Number(match[2]) : 5683 };
}

export class ReferenceClient {
  private state: State = 'stopped';
  private location: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retry = 0;
  private objects: ObjectTree;
  private readonly faults: ReadonlySet<ClientFault>;
  private readonly server: PeerAddress;
  private generation = 0;

  private constructor(
    private readonly coap: CoapEndpoint,
    private readonly options: Required<Pick<ClientOptions, 'endpoint' | 'lifetimeS' | 'version' | 'binding' | 'updateFraction'>> & ClientOptions,
  ) {
    this.faults = new Set(options.faults ?? []);
    this.server = parseServerUri(options.serverUri);
    this.objects = this.freshObjects();
    coap.onRequest((req) => this.handle(req));
  }

  static async create(options: ClientOptions): Promise<ReferenceClient> {
    const server = parseServerUri(options.serverUri);
    const coap = await CoapEndpoint.bind({
      address: options.bindAddress ?? (server.address.includes(':') ? '::1' : '127.0.0.1'),
      port: 0,
      ...(options.params ? { params: options.params } : {}),
      ...(options.trace ? { trace: options.trace } : {}),
      name: 'device',
    });
    return new ReferenceClient(coap, {
      lifetimeS: 86400,
      version: '1.1',
      binding: 'U',
      updateFraction: 0.5,
      ...options,
    });
  }

  get registrationState(): State {
    return this.state;
  }

  get local(): PeerAddress {
    return this.coap.local;
  }

  /** Powers on: registers to the server. */
  start(): void {
    this.generation++;
    this.retry = 0;
    void this.register();
  }

  /** A reboot: forgets its registration and state, then registers afresh. */
  reboot(): void {
    this.cancelTimer();
    this.location = undefined;
    this.objects = this.freshObjects();
    this.log('reboot');
    this.start();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.cancelTimer();
    this.state = 'stopped';
    await this.coap.close();
  }

  private freshObjects(): ObjectTree {
    return buildObjects({ shortServerId: 1, lifetimeS: this.options.lifetimeS, binding: this.options.binding });
  }

  private resource(o: number, i: number, r: number): string | undefined {
    return this.objects.get(o)?.get(i)?.get(r)?.value;
  }

  private get lifetimeS(): number {
    return Number(this.resource(1, 0, 1) ?? this.options.lifetimeS);
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

  private registerQuery(): string[] {
    const query = [`ep=${this.has('register-wrong-endpoint') ? `${this.options.endpoint}-other` : this.options.endpoint}`];
    query.push(`lt=${this.lifetimeS}`);
    if (!this.has('register-without-version')) query.push(`lwm2m=${this.options.version}`);
    query.push(`b=${this.has('register-invalid-binding') ? 'UQ' : this.resource(1, 0, 7) ?? this.options.binding}`);
    return query;
  }

  private objectList(): string {
    const links: string[] = [`</>;rt="oma.lwm2m";ct=0`];
    if (this.has('register-lists-security-object')) links.push('</0/0>');
    for (const [objectId, instances] of this.objects) {
      for (const instanceId of instances.keys()) links.push(`</${objectId}/${instanceId}>`);
    }
    return links.join(',');
  }

  private async register(): Promise<void> {
    const generation = this.generation;
    this.state = 'registering';
    this.location = undefined;
    this.log(`register to ${this.options.serverUri}`);
    try {
      const response = await this.coap.request(this.server, {
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
        this.retry = 0;
        this.log(`registered at ${this.location}`);
        this.scheduleUpdate();
        return;
      }
      this.log(`register refused: ${response.code}`);
    } catch (error) {
      if (generation !== this.generation) return;
      this.log(`register failed: ${(error as Error).message}`);
    }
    const delay = retryDelaysMs[Math.min(this.retry++, retryDelaysMs.length - 1)]!;
    this.schedule(delay, () => void this.register());
  }

  private scheduleUpdate(): void {
    if (this.has('no-periodic-update')) return;
    this.schedule(this.lifetimeS * 1000 * this.options.updateFraction, () => void this.update([]));
  }

  private async update(query: string[]): Promise<void> {
    if (this.state !== 'registered' || !this.location) return;
    const generation = this.generation;
    this.log(`update ${query.join('&') || '(no parameters)'}`);
    try {
      const response = await this.coap.request(this.server, { method: 'POST', path: this.location, query });
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
    const path = req.path.split('/').filter(Boolean).map(Number);
    if (path.some((n) => !Number.isInteger(n) || n < 0 || n > 65535)) return { code: '4.00' };
    const [o, i, r] = path;
    if (o === undefined) return { code: '4.05' };
    const instances = this.objects.get(o);
    if (!instances) return { code: '4.04' };
    if (i === undefined || r === undefined || path.length > 3) return { code: '4.05' };
    const slot = instances.get(i)?.get(r);
    if (!slot) return { code: '4.04' };

    switch (req.method) {
      case 'GET':
        if (slot.access === 'E' || slot.access === 'W') return { code: '4.05' };
        if (req.accept !== undefined && req.accept !== 0) return { code: '4.06' };
        return { code: '2.05', payload: slot.value ?? '', contentFormat: 0 };
      case 'PUT':
        if (slot.access !== 'W' && slot.access !== 'RW') return { code: '4.05' };
        if (req.contentFormat !== undefined && req.contentFormat !== 0) return { code: '4.15' };
        return this.write(o, r, slot, req.payload.toString('utf8'));
      case 'POST':
        if (slot.access !== 'E') return { code: '4.05' };
        return this.execute(o, r);
      default:
        return { code: '4.05' };
    }
  }

  private write(o: number, r: number, slot: { value?: string }, text: string): ResponseSpec {
    if (o === 1 && r === 1) {
      const lifetime = Number(text);
      if (!Number.isInteger(lifetime) || lifetime <= 0) return { code: '4.00' };
      slot.value = String(lifetime);
      // The new lifetime is told to the server at once (Core §6.2.2: Update with lt).
      if (!this.has('ignore-lifetime-write')) setImmediate(() => void this.update([`lt=${lifetime}`]));
      return { code: '2.04' };
    }
    if (o === 1 && r === 7) {
      slot.value = text;
      setImmediate(() => void this.update([`b=${text}`]));
      return { code: '2.04' };
    }
    slot.value = text;
    return { code: '2.04' };
  }

  private execute(o: number, r: number): ResponseSpec {
    if (o === 1 && r === 8) {
      if (!this.has('update-trigger-ignored')) {
        const query = this.has('update-trigger-with-params') ? [`lt=${this.lifetimeS}`, `b=${this.resource(1, 0, 7) ?? 'U'}`] : [];
        setImmediate(() => void this.update(query));
      }
      return { code: '2.04' };
    }
    if (o === 1 && r === 4) {
      if (!this.has('disable-without-deregister')) {
        setImmediate(() => {
          this.generation++;
          this.cancelTimer();
          this.state = 'disabled';
          void this.deregister();
          const disableTimeoutS = Number(this.resource(1, 0, 5) ?? 86400);
          this.schedule(disableTimeoutS * 1000, () => this.start());
        });
      }
      return { code: '2.04' };
    }
    if (o === 3 && r === 4) {
      setImmediate(() => this.reboot());
      return { code: '2.04' };
    }
    return { code: '4.05' };
  }
}
