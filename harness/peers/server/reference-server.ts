// The harness's reference LwM2M server: the Registration interface (Register, Update,
// De-register, lifetime expiry) and the management requests cases send to a registered client.
// Everything it sees is kept as events that cases wait on and judge.
import { CoapEndpoint, type CoapResponse, type IncomingRequest, type RequestSpec, type ResponseSpec } from '../../coap/endpoint.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import { EventLog } from '../event-log.ts';
import { readObjectList, readParams, type ObjectList, type RegistrationParams } from './registration-request.ts';
import { RegistrationTable, type Registration } from './registrations.ts';

export type ServerEventKind = 'register' | 'update' | 'deregister' | 'expired';

export interface ServerEvent {
  readonly kind: ServerEventKind;
  /** Monotonic time, ms. */
  readonly atMs: number;
  /** Trace sequence number of the request datagram. */
  readonly seq?: number;
  readonly peer?: PeerAddress;
  readonly confirmable?: boolean;
  readonly path?: string;
  readonly params?: RegistrationParams;
  readonly contentFormat?: number;
  /** Object list of a Register or Update with a payload. */
  readonly objectList?: ObjectList;
  /** What the reference server answered. */
  readonly responseCode?: string;
  /** Why it answered with an error. */
  readonly rejection?: string;
  readonly endpoint?: string;
  readonly location?: string;
}

export interface ServerOptions {
  address?: string;
  port?: number;
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
  /** LwM2M versions accepted in Register; others get 4.12. */
  versions?: readonly string[];
}

/** A management request's outcome: the response, or why none came. */
export type Outcome = { response: CoapResponse; error?: undefined } | { response?: undefined; error: string };

const supportedByDefault = ['1.0', '1.1', '1.2'];

export class ReferenceServer {
  readonly events = new EventLog<ServerEvent>();
  readonly registrations: RegistrationTable;
  /** Event position when the current case began (set before the target is reset). */
  caseStart = 0;
  /** Total time spent waiting for the target's messages, ms: the part of a run the target sets. */
  waitedMs = 0;

  private constructor(
    readonly endpoint: CoapEndpoint,
    private readonly versions: readonly string[],
  ) {
    this.registrations = new RegistrationTable((r) =>
      this.events.append({ kind: 'expired', atMs: performance.now(), endpoint: r.endpoint, location: r.location }),
    );
    endpoint.onRequest((req) => this.handle(req));
  }

  static async start(options: ServerOptions = {}): Promise<ReferenceServer> {
    const endpoint = await CoapEndpoint.bind({
      address: options.address ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(options.params ? { params: options.params } : {}),
      ...(options.trace ? { trace: options.trace } : {}),
      name: 'server',
    });
    return new ReferenceServer(endpoint, options.versions ?? supportedByDefault);
  }

  /** The URI clients register to, e.g. coap://127.0.0.1:40123. */
  get uri(): string {
    const { address, port } = this.endpoint.local;
    return `coap://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  registrationOf(endpoint: string): Registration | undefined {
    return this.registrations.byEndpoint(endpoint);
  }

  /** Waits for the next event of a kind after `since`, optionally for one endpoint. */
  async waitFor(
    kind: ServerEventKind,
    options: { since: number; within: number; endpoint?: string; signal?: AbortSignal; where?: (event: ServerEvent) => boolean },
  ): Promise<ServerEvent | undefined> {
    const started = performance.now();
    try {
      return await this.waitForEvent(kind, options);
    } finally {
      this.waitedMs += performance.now() - started;
    }
  }

  private waitForEvent(
    kind: ServerEventKind,
    options: { since: number; within: number; endpoint?: string; signal?: AbortSignal; where?: (event: ServerEvent) => boolean },
  ) {
    return this.events.waitFor({
      since: options.since,
      within: options.within,
      ...(options.signal ? { signal: options.signal } : {}),
      where: (e) =>
        e.kind === kind && (options.endpoint === undefined || e.endpoint === options.endpoint) && (options.where?.(e) ?? true),
    });
  }

  /** Forgets a registration without telling the client (its next Update gets 4.04). */
  drop(endpoint: string): Registration | undefined {
    const registration = this.registrations.byEndpoint(endpoint);
    return registration ? this.registrations.remove(registration.location) : undefined;
  }

  /** Sends a request to a registered client, at the address it registered from. */
  async request(endpoint: string, spec: RequestSpec): Promise<Outcome> {
    const registration = this.registrations.byEndpoint(endpoint);
    if (!registration) return { error: `"${endpoint}" is not registered` };
    try {
      return { response: await this.endpoint.request(registration.peer, spec) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Write of a single resource in text/plain (the format every client supports). */
  write(endpoint: string, path: string, text: string): Promise<Outcome> {
    return this.request(endpoint, { method: 'PUT', path, payload: text, contentFormat: 0 });
  }

  execute(endpoint: string, path: string, args?: string): Promise<Outcome> {
    return this.request(endpoint, { method: 'POST', path, ...(args !== undefined ? { payload: args, contentFormat: 0 } : {}) });
  }

  read(endpoint: string, path: string, accept?: number): Promise<Outcome> {
    return this.request(endpoint, { method: 'GET', path, ...(accept !== undefined ? { accept } : {}) });
  }

  async close(): Promise<void> {
    this.registrations.clear();
    await this.endpoint.close();
  }

  private handle(req: IncomingRequest): ResponseSpec {
    const base = {
      atMs: performance.now(),
      ...(req.seq !== undefined ? { seq: req.seq } : {}),
      peer: req.peer,
      confirmable: req.message.type === 'CON',
      path: req.path,
      ...(req.contentFormat !== undefined ? { contentFormat: req.contentFormat } : {}),
    };
    const segments = req.path.split('/').filter(Boolean);
    if (segments[0] !== 'rd') return { code: '4.04' };
    if (segments.length === 1 && req.method === 'POST') return this.register(req, base);
    const location = `/${segments.join('/')}`;
    if (req.method === 'POST') return this.update(req, location, base);
    if (req.method === 'DELETE') return this.deregister(location, base);
    return { code: '4.05' };
  }

  private register(req: IncomingRequest, base: Omit<ServerEvent, 'kind'>): ResponseSpec {
    const params = readParams(req.query);
    const objectList = readObjectList(req.payload);
    const record = (responseCode: string, extra: Partial<ServerEvent> = {}): ResponseSpec => {
      this.events.append({ kind: 'register', ...base, params, objectList, responseCode, ...extra });
      return { code: responseCode, ...(extra.location ? { locationPath: extra.location } : {}) };
    };
    const ep = params.params.ep;
    if (typeof ep !== 'string' || ep === '') return record('4.00', { rejection: 'no endpoint name (ep)' });
    const version = params.params.lwm2m;
    const versionText = typeof version === 'string' ? version : '1.0';
    if (!this.versions.includes(versionText)) return record('4.12', { rejection: `LwM2M version ${versionText} is not supported`, endpoint: ep });
    const lt = params.params.lt;
    const lifetimeS = lt === undefined ? 86400 : Number(lt);
    if (!Number.isInteger(lifetimeS) || lifetimeS <= 0) return record('4.00', { rejection: `invalid lifetime "${String(lt)}"`, endpoint: ep });
    if (objectList.error) return record('4.00', { rejection: `object list is not link format: ${objectList.error}`, endpoint: ep });

    const now = performance.now();
    const binding = params.params.b;
    const registration: Registration = {
      endpoint: ep,
      location: this.registrations.newLocation(),
      peer: req.peer,
      lifetimeS,
      version: versionText,
      binding: typeof binding === 'string' ? binding : 'U',
      queueMode: params.params.Q === true || (typeof binding === 'string' && binding.includes('Q')),
      ...(typeof params.params.sms === 'string' ? { sms: params.params.sms } : {}),
      links: objectList.links ?? [],
      registeredAtMs: now,
      lastUpdateAtMs: now,
      expiresAtMs: now + lifetimeS * 1000,
    };
    this.registrations.add(registration);
    return record('2.01', { endpoint: ep, location: registration.location });
  }

  private update(req: IncomingRequest, location: string, base: Omit<ServerEvent, 'kind'>): ResponseSpec {
    const params = readParams(req.query);
    const objectList = req.payload.length > 0 ? readObjectList(req.payload) : undefined;
    const registration = this.registrations.at(location);
    const record = (responseCode: string, extra: Partial<ServerEvent> = {}): ResponseSpec => {
      this.events.append({ kind: 'update', ...base, params, ...(objectList ? { objectList } : {}), responseCode, location, ...extra });
      return { code: responseCode };
    };
    if (!registration) return record('4.04', { rejection: 'no registration at this location' });
    const lt = params.params.lt;
    if (lt !== undefined) {
      const lifetimeS = Number(lt);
      if (!Number.isInteger(lifetimeS) || lifetimeS <= 0) return record('4.00', { rejection: `invalid lifetime "${String(lt)}"`, endpoint: registration.endpoint });
      registration.lifetimeS = lifetimeS;
    }
    if (objectList?.error) return record('4.00', { rejection: `object list is not link format: ${objectList.error}`, endpoint: registration.endpoint });
    if (typeof params.params.b === 'string') registration.binding = params.params.b;
    if (typeof params.params.sms === 'string') registration.sms = params.params.sms;
    if (objectList?.links) registration.links = objectList.links;
    registration.peer = req.peer;
    this.registrations.refresh(registration, performance.now());
    return record('2.04', { endpoint: registration.endpoint });
  }

  private deregister(location: string, base: Omit<ServerEvent, 'kind'>): ResponseSpec {
    const registration = this.registrations.remove(location);
    const code = registration ? '2.02' : '4.04';
    this.events.append({
      kind: 'deregister',
      ...base,
      responseCode: code,
      location,
      ...(registration ? { endpoint: registration.endpoint } : { rejection: 'no registration at this location' }),
    });
    return { code };
  }
}
