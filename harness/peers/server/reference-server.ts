// The harness's reference LwM2M server: the Registration interface (Register, Update,
// De-register, lifetime expiry), the management and reporting requests cases send to a
// registered client (read/write/execute in a chosen format, create, delete, discover,
// write-attributes, composite operations, observe and its cancellation) and Send on /dp.
// Everything it sees is kept as events that cases wait on and judge.
import { CoapEndpoint, type DatagramImpairment, type IncomingRequest, type RequestSpec, type ResponseSpec } from '../../coap/endpoint.ts';
import { maxTransmitWaitMs, type TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import type { Observation } from '../../coap/observe.ts';
import { uriPath, type CoapMessage } from '../../coap/message.ts';
import { encodePathList } from '../composite-paths.ts';
import { EventLog } from '../event-log.ts';
import { WaitClock } from '../wait-clock.ts';
import type { ServerFault } from './faults.ts';
import { ServerDtls, type PeerIdentity, type ServerSecurityOptions } from './server-security.ts';
import type { Link } from '../../lwm2m/formats/link-format.ts';
import { readObjectList, readParams, type ObjectList, type RegistrationParams } from './registration-request.ts';
import { RegistrationTable, type Registration } from './registrations.ts';
import { answered, unanswered, type Outcome } from '../outcome.ts';

/** A record type whose fields are set one by one as it is built. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type ServerEventKind = 'register' | 'update' | 'deregister' | 'expired' | 'notify' | 'send';

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
  /** Notifications: the observation (ServerObservation.id) and the Observe number. */
  readonly observation?: number;
  readonly observe?: number;
  /** Notifications: the response code the client sent. */
  readonly code?: string;
  /** Notifications and Send: the body as received. */
  readonly payload?: Buffer;
  /** Register over DTLS: what the handshake authenticated (cipher suite, PSK identity, certificate name). */
  readonly authenticated?: PeerIdentity;
}

/** An observation the server holds on a client; its notifications become 'notify' events. */
export interface ServerObservation {
  readonly id: number;
  /** The response to the Observe request (or why none came). */
  readonly first: Outcome;
  /** Whether the client accepted it as an observation (2.xx with an Observe option). */
  readonly established: boolean;
  /**
   * Cancels: 'rst' answers the next notification with RST (Core §6.4.2, RFC 7641 §3.6),
   * 'observe-1' repeats the request with Observe=1 and the same token.
   */
  cancel(mode: 'rst' | 'observe-1'): Promise<Outcome | undefined>;
}

export interface ServerOptions {
  address?: string;
  port?: number;
  /** Names the server's endpoint in trace records (default 'server'). */
  name?: string;
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
  /** LwM2M versions accepted in Register; others get 4.12. */
  versions?: readonly string[];
  /** Profile IDs (1.2 `pid`) the server resolves, each to the link-format object list it stands for. */
  profileIds?: Readonly<Record<string, string>>;
  /** Known non-conformances to show on purpose (the project's own tests). */
  faults?: readonly ServerFault[];
  /** How long a queue-mode client stays reachable after its last message, ms (default: MAX_TRANSMIT_WAIT of the CoAP parameters). */
  queueAwakeMs?: number;
  /** Listen with DTLS (PSK and/or a certificate) instead of plain UDP; the URI becomes coaps://. */
  security?: ServerSecurityOptions;
  /** Where waits on clients are counted; shared with the session's other peers so parallel waits count once. */
  clock?: WaitClock;
  /** Leave requests to resources it does not serve unanswered (no ACK, no 4.04), as some servers do; a CoAP ping still gets RST. */
  ignoreUnknownRequests?: boolean;
  /** Content formats the root link (rt="oma.lwm2m") may name in ct=; a Register naming none of them gets 4.00. */
  acceptRootCt?: readonly number[];
  /** Highest LwM2M version accepted in Register (e.g. '1.1'); a later one gets 4.12. */
  lwm2mMax?: string;
  /** Network impairment between the server and its clients (rehearsing field conditions). */
  impairment?: DatagramImpairment;
  /** Events kept (oldest dropped first); default: as many as the trace keeps records. */
  eventLimit?: number;
}

const supportedByDefault = ['1.0', '1.1', '1.2'];

/** Orders 'major.minor' versions numerically ('1.10' after '1.9'). */
function versionAtMost(version: string, max: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = max.split('.').map(Number);
  return a < c || (a === c && b <= d);
}

/** The content formats the root link (rt="oma.lwm2m") of an object list names in ct=, when it names any. */
function rootContentFormats(links: readonly Link[]): number[] | undefined {
  const root = links.find((l) => l.attributes.some((a) => a.name === 'rt' && a.value === 'oma.lwm2m'));
  const ct = root?.attributes.find((a) => a.name === 'ct')?.value;
  return ct === undefined ? undefined : ct.split(/\s+/).filter(Boolean).map(Number);
}

/** The resources the server answers: /dp, /rd and the registrations under it (with location-outside-rd, /reg too). */
function servesPath(path: string, faults: readonly ServerFault[]): boolean {
  const first = path.split('/').filter(Boolean)[0];
  return first === 'rd' || first === 'dp' || (first === 'reg' && faults.includes('location-outside-rd'));
}

const isRequestCode = (code: string) => code.startsWith('0.') && code !== '0.00';

export class ReferenceServer {
  readonly events: EventLog<ServerEvent>;
  readonly registrations: RegistrationTable;
  /** Time spent waiting for the target (its messages, its answers): the part of a run the target sets. */
  readonly clock: WaitClock;
  private observationCount = 0;
  private readonly unsubscribers: (() => void)[] = [];
  /** How long a queue-mode client stays reachable after its last message, ms. */
  queueAwakeMs = 93_000;
  /** Answer to a Send (POST /dp) from a registered client. */
  sendResponseCode = '2.04';
  /** The DTLS layer when the server listens with security; cases switch its credentials. */
  dtls?: ServerDtls;
  /** Profile ID → the object list it stands for (Core 1.2 §6.2.1). */
  profiles = new Map<string, readonly Link[]>();
  /** Root-link content formats a Register may name (acceptRootCt); undefined: any. */
  private acceptRootCt?: ReadonlySet<number>;

  private constructor(
    readonly endpoint: CoapEndpoint,
    private readonly versions: readonly string[],
    private readonly faults: ReadonlySet<ServerFault> = new Set(),
    clock = new WaitClock(),
    eventLimit?: number,
  ) {
    this.clock = clock;
    this.events = new EventLog(eventLimit ?? endpoint.trace.capacity);
    this.registrations = new RegistrationTable(
      (r) => this.events.append({ kind: 'expired', atMs: performance.now(), endpoint: r.endpoint, location: r.location }),
      0,
      !faults.has('no-lifetime-expiry'),
    );
    endpoint.onRequest((req) => this.handle(req));
  }

  static async start(options: ServerOptions = {}): Promise<ReferenceServer> {
    const security = options.security && options.faults?.includes('endpoint-not-checked-against-identity') ? { ...options.security, endpointMustMatchIdentity: false } : options.security;
    const dtls = security ? new ServerDtls(security) : undefined;
    // The fault silences the RST to unsolicited notifications only: a CoAP ping (empty CON) is
    // still answered, as every server answers it, so the server can be found ready.
    const silencesRst = options.faults?.includes('no-rst-for-unsolicited-notifications') === true;
    const pingsToAnswer = new Set<number>();
    const ignoreUnknown = options.ignoreUnknownRequests === true;
    const endpoint = await CoapEndpoint.bind({
      address: options.address ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(dtls ? { security: dtls.endpointSecurity() } : {}),
      ...(options.params ? { params: options.params } : {}),
      ...(options.trace ? { trace: options.trace } : {}),
      ...(options.impairment ? { impairment: options.impairment } : {}),
      ...(options.faults?.includes('no-deduplication') ? { limits: { maxDedupEntries: 0 } } : {}),
      ...(silencesRst
        ? { dropOutgoing: ({ message }: { message?: CoapMessage }) => message?.type === 'RST' && !pingsToAnswer.delete(message.messageId) }
        : {}),
      dropIncoming: ({ message }: { message?: CoapMessage }) => {
        if (silencesRst && message?.type === 'CON' && message.code === '0.00') pingsToAnswer.add(message.messageId);
        // Requests (not pings, not responses) to resources it does not serve are dropped unseen.
        return ignoreUnknown && message !== undefined && isRequestCode(message.code) && !servesPath(uriPath(message), options.faults ?? []);
      },
      name: options.name ?? 'server',
    });
    const faults = new Set(options.faults ?? []);
    const max = options.lwm2mMax;
    const versions = (options.versions ?? supportedByDefault).filter((v) => max === undefined || versionAtMost(v, max));
    const server = new ReferenceServer(endpoint, versions, faults, options.clock, options.eventLimit);
    if (options.acceptRootCt) server.acceptRootCt = new Set(options.acceptRootCt);
    server.queueAwakeMs = options.queueAwakeMs ?? maxTransmitWaitMs(endpoint.params);
    for (const [pid, list] of Object.entries(options.profileIds ?? {})) {
      const read = readObjectList(Buffer.from(list));
      if (read.error) throw new Error(`the object list of Profile ID ${pid} is not link format: ${read.error}`);
      server.profiles.set(pid, read.links!);
    }
    if (dtls) server.dtls = dtls.attach(endpoint);
    return server;
  }

  /** The URI clients register to, e.g. coap://127.0.0.1:40123 (coaps:// with DTLS). */
  get uri(): string {
    const { address, port } = this.endpoint.local;
    return `${this.dtls ? 'coaps' : 'coap'}://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  registrationOf(endpoint: string): Registration | undefined {
    return this.registrations.byEndpoint(endpoint);
  }

  /** Waits for the next event of a kind after `since`, optionally for one endpoint. */
  async waitFor(
    kind: ServerEventKind,
    options: { since: number; within: number; endpoint?: string; signal?: AbortSignal; where?: (event: ServerEvent) => boolean },
  ): Promise<ServerEvent | undefined> {
    this.clock.begin();
    try {
      return await this.waitForEvent(kind, options);
    } finally {
      this.clock.end();
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
    let registration = this.registrations.byEndpoint(endpoint);
    if (!registration) return { error: `"${endpoint}" is not registered` };
    this.clock.begin();
    try {
      if (this.asleep(registration)) {
        // Queue mode (Core §6.5): hold the request until the client's next uplink.
        const woke = await this.events.waitFor({
          since: this.events.position(),
          within: registration.lifetimeS * 1000,
          where: (e) => (e.kind === 'update' || e.kind === 'register') && e.endpoint === endpoint && /^2\./.test(e.responseCode ?? ''),
        });
        registration = this.registrations.byEndpoint(endpoint);
        if (!woke || !registration) return { error: `the queue-mode client "${endpoint}" did not wake up within its lifetime` };
      }
      return answered(await this.endpoint.request(registration.peer, spec));
    } catch (error) {
      return unanswered(error);
    } finally {
      // The time a response takes is the target's.
      this.clock.end();
    }
  }

  /** A queue-mode client is reachable only for queueAwakeMs after its last Register or Update. */
  private asleep(registration: Registration): boolean {
    return registration.queueMode && !this.faults.has('queue-mode-ignored') && performance.now() - registration.lastUpdateAtMs > this.queueAwakeMs;
  }

  /** Write with a body in a given format: PUT replaces (Core §6.3.3), POST updates an instance partially. */
  writeBody(endpoint: string, path: string, payload: Buffer | string, contentFormat: number, method: 'PUT' | 'POST' = 'PUT'): Promise<Outcome> {
    return this.request(endpoint, { method, path, payload, contentFormat });
  }

  /** Create (POST /o) with the new instance's values. */
  create(endpoint: string, objectPath: string, payload: Buffer | string, contentFormat: number): Promise<Outcome> {
    return this.request(endpoint, { method: 'POST', path: objectPath, payload, contentFormat });
  }

  delete(endpoint: string, path: string): Promise<Outcome> {
    return this.request(endpoint, { method: 'DELETE', path });
  }

  /** Discover: GET with Accept application/link-format; `depth` is LwM2M 1.2's query. */
  discover(endpoint: string, path: string, depth?: number): Promise<Outcome> {
    return this.request(endpoint, { method: 'GET', path, accept: 40, ...(depth !== undefined ? { query: [`depth=${depth}`] } : {}) });
  }

  /** Write-Attributes: PUT with the attributes as Uri-Query and no body, e.g. 'pmin=10&pmax=60'. */
  writeAttributes(endpoint: string, path: string, attributes: string): Promise<Outcome> {
    return this.request(endpoint, { method: 'PUT', path, query: attributes.split('&').filter(Boolean) });
  }

  /** Read-Composite: FETCH with the paths as a SenML pack of names, answered in the same format. */
  readComposite(endpoint: string, paths: readonly string[], contentFormat: 110 | 112): Promise<Outcome> {
    return this.request(endpoint, { method: 'FETCH', path: '/', payload: encodePathList(paths, contentFormat), contentFormat, accept: contentFormat });
  }

  /** Write-Composite: iPATCH with a SenML pack of values. */
  writeComposite(endpoint: string, payload: Buffer | string, contentFormat: 110 | 112): Promise<Outcome> {
    return this.request(endpoint, { method: 'iPATCH', path: '/', payload, contentFormat });
  }

  /** Observe (GET with Observe=0); `query` carries LwM2M 1.2 attributes ('pmin=5&pmax=15'). */
  observe(endpoint: string, path: string, options: { accept?: number; query?: string } = {}): Promise<ServerObservation> {
    return this.startObservation(endpoint, {
      method: 'GET',
      path,
      ...(options.accept !== undefined ? { accept: options.accept } : {}),
      ...(options.query ? { query: options.query.split('&').filter(Boolean) } : {}),
    });
  }

  /** Observe-Composite: FETCH with Observe=0 and the paths as a SenML pack of names. */
  observeComposite(endpoint: string, paths: readonly string[], contentFormat: 110 | 112): Promise<ServerObservation> {
    return this.startObservation(endpoint, { method: 'FETCH', path: '/', payload: encodePathList(paths, contentFormat), contentFormat, accept: contentFormat });
  }

  private async startObservation(endpoint: string, spec: Omit<RequestSpec, 'method' | 'observe'> & { method: 'GET' | 'FETCH' }): Promise<ServerObservation> {
    const id = ++this.observationCount;
    const registration = this.registrations.byEndpoint(endpoint);
    const unestablished = (first: Outcome): ServerObservation => ({ id, first, established: false, cancel: async () => undefined });
    if (!registration) return unestablished({ error: `"${endpoint}" is not registered` });
    this.clock.begin();
    let observation: Observation;
    try {
      observation = await this.endpoint.observe(registration.peer, spec);
    } catch (error) {
      return unestablished(unanswered(error));
    } finally {
      this.clock.end();
    }
    const first = answered(observation.first);
    // Every notification as it arrived, also those after a cancel (answered with RST by the
    // endpoint), duplicates and stale ones: cases judge them all.
    const unsubscribe = observation.onReceived((n, atMs) => {
      this.events.append({
        kind: 'notify',
        atMs,
        seq: n.seq,
        peer: n.peer,
        confirmable: n.message.type === 'CON',
        path: spec.path,
        endpoint,
        observation: id,
        ...(n.observe !== undefined ? { observe: n.observe } : {}),
        code: n.code,
        ...(n.contentFormat !== undefined ? { contentFormat: n.contentFormat } : {}),
        payload: n.payload,
      });
    });
    this.unsubscribers.push(unsubscribe);
    return {
      id,
      first,
      established: observation.active,
      cancel: async (mode) => {
        if (mode === 'rst') {
          await observation.cancel('rst');
          return undefined;
        }
        this.clock.begin();
        try {
          const response = await observation.cancel('deregister');
          return response ? answered(response) : undefined;
        } catch (error) {
          return unanswered(error);
        } finally {
          this.clock.end();
        }
      },
    };
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
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.dtls = undefined;
    this.registrations.clear();
    await this.endpoint.close();
  }

  private handle(req: IncomingRequest): ResponseSpec {
    const base: Mutable<Omit<ServerEvent, 'kind'>> = { atMs: performance.now(), peer: req.peer, confirmable: req.message.type === 'CON', path: req.path };
    if (req.seq !== undefined) base.seq = req.seq;
    if (req.contentFormat !== undefined) base.contentFormat = req.contentFormat;
    const segments = req.path.split('/').filter(Boolean);
    if (segments.length === 1 && segments[0] === 'dp' && req.method === 'POST') return this.send(req, base);
    // With the location-outside-rd fault the server also serves the locations it hands out.
    if (segments[0] !== 'rd' && !(segments[0] === 'reg' && this.faults.has('location-outside-rd'))) return { code: '4.04' };
    if (segments.length === 1 && req.method === 'POST') return this.register(req, base);
    const location = `/${segments.join('/')}`;
    if (req.method === 'POST') return this.update(req, location, base);
    if (req.method === 'DELETE') return this.deregister(location, base);
    return { code: '4.05' };
  }

  /** Send (Core §6.4.6): accepted with 2.04 from a registered client, kept as a 'send' event. */
  private send(req: IncomingRequest, base: Omit<ServerEvent, 'kind'>): ResponseSpec {
    const registration = this.registrations.from(req.peer);
    const code = registration ? (this.faults.has('send-rejected') ? '4.05' : this.sendResponseCode) : '4.04';
    this.events.append({
      kind: 'send',
      ...base,
      payload: req.payload,
      responseCode: code,
      ...(registration ? { endpoint: registration.endpoint } : { rejection: 'the sender is not registered' }),
    });
    return { code };
  }

  private register(req: IncomingRequest, base: Omit<ServerEvent, 'kind'>): ResponseSpec {
    const params = readParams(req.query);
    const objectList = readObjectList(req.payload);
    const authenticated = this.dtls?.identityOf(req.peer);
    // No closures here: under a registration storm each is an allocation per Register.
    const faults = this.faults;
    let ep = params.params.ep;
    if ((typeof ep !== 'string' || ep === '') && faults.has('register-without-endpoint-accepted')) ep = `anonymous-${req.peer.port}`;
    if (typeof ep !== 'string' || ep === '') return this.registerAnswered(base, params, objectList, authenticated, '4.00', { rejection: 'no endpoint name (ep)' });
    const identityProblem = this.dtls?.endpointProblem(ep, req.peer);
    if (identityProblem) return this.registerAnswered(base, params, objectList, authenticated, '4.00', { rejection: identityProblem, endpoint: ep });
    const version = params.params.lwm2m;
    // The accepted version's own string: each registration then shares it instead of keeping a copy.
    const versionText = typeof version === 'string' ? (this.versions.find((v) => v === version) ?? version) : '1.0';
    if (!this.versions.includes(versionText) && !faults.has('any-version-accepted')) return this.registerAnswered(base, params, objectList, authenticated, '4.12', { rejection: `LwM2M version ${versionText} is not supported`, endpoint: ep });
    const rootCt = this.acceptRootCt && objectList.links ? rootContentFormats(objectList.links) : undefined;
    if (rootCt && !rootCt.some((ct) => this.acceptRootCt!.has(ct))) {
      const rejection = `content format ${rootCt.join(' ')} of the root link is not supported (accepted: ${[...this.acceptRootCt!].join(', ')})`;
      return this.registerAnswered(base, params, objectList, authenticated, '4.00', { rejection, endpoint: ep }, rejection);
    }
    const lt = params.params.lt;
    const lifetimeS = lt === undefined ? 86400 : Number(lt);
    if (!Number.isInteger(lifetimeS) || lifetimeS <= 0) return this.registerAnswered(base, params, objectList, authenticated, '4.00', { rejection: `invalid lifetime "${String(lt)}"`, endpoint: ep });
    const existing = this.registrations.byEndpoint(ep);
    if (existing && faults.has('register-from-new-address-refused') && (existing.peer.address !== req.peer.address || existing.peer.port !== req.peer.port)) {
      return this.registerAnswered(base, params, objectList, authenticated, '4.03', { rejection: 'endpoint already registered from another address', endpoint: ep });
    }
    if (objectList.error) return this.registerAnswered(base, params, objectList, authenticated, faults.has('server-error-on-bad-link-format') ? '5.00' : '4.00', { rejection: `object list is not link format: ${objectList.error}`, endpoint: ep });
    const links = this.resolveProfile(params.params.pid, objectList.links ?? []);
    if (typeof links === 'string') return this.registerAnswered(base, params, objectList, authenticated, '4.00', { rejection: links, endpoint: ep });

    const now = performance.now();
    const binding = params.params.b;
    const registration: Registration = {
      endpoint: ep,
      location: faults.has('location-outside-rd') ? this.registrations.newLocation().replace(/^\/rd\//, '/reg/') : this.registrations.newLocation(),
      peer: req.peer,
      lifetimeS,
      version: versionText,
      binding: typeof binding === 'string' ? binding : 'U',
      queueMode: params.params.Q === true || (typeof binding === 'string' && binding.includes('Q')),
      links,
      // Whole milliseconds (the end rounded up): small integers live inside the registration,
      // where fractional ones would each be an object of their own, 10^5 times over.
      registeredAtMs: Math.floor(now),
      lastUpdateAtMs: Math.floor(now),
      expiresAtMs: Math.ceil(now + lifetimeS * 1000),
    };
    if (typeof params.params.sms === 'string') registration.sms = params.params.sms;
    this.registrations.add(registration, !faults.has('reregister-keeps-old-registration'));
    return this.registerAnswered(base, params, objectList, authenticated, '2.01', { endpoint: ep, location: registration.location });
  }

  /** Records a Register's event and makes its answer. */
  private registerAnswered(
    base: Omit<ServerEvent, 'kind'>,
    params: RegistrationParams,
    objectList: ObjectList,
    authenticated: PeerIdentity | undefined,
    responseCode: string,
    extra?: Partial<ServerEvent>,
    diagnostic?: string,
  ): ResponseSpec {
    const event: Mutable<ServerEvent> = { kind: 'register', ...base, params, objectList, responseCode };
    if (authenticated) event.authenticated = authenticated;
    if (extra) Object.assign(event, extra);
    this.events.append(event);
    const answer: ResponseSpec = { code: responseCode };
    if (extra?.location) answer.locationPath = extra.location;
    if (diagnostic) answer.payload = diagnostic;
    return answer;
  }

  /**
   * The objects a Register stands for: with a known Profile ID, the profile's list merged with
   * the ones the client lists explicitly (those win); a reason to refuse when neither says.
   */
  private resolveProfile(pid: string | true | undefined, explicit: readonly Link[]): readonly Link[] | string {
    if (pid === undefined) return explicit;
    const profile = typeof pid === 'string' ? this.profiles.get(pid) : undefined;
    if (!profile || this.faults.has('profile-id-ignored')) {
      return explicit.length > 0 || this.faults.has('profile-id-ignored') ? explicit : `unknown Profile ID "${String(pid)}" and no object list`;
    }
    if (this.faults.has('profile-id-replaces-object-list')) return profile;
    const listed = new Set(explicit.map((l) => l.uri));
    return [...profile.filter((l) => !listed.has(l.uri)), ...explicit];
  }

  private update(req: IncomingRequest, location: string, base: Omit<ServerEvent, 'kind'>): ResponseSpec {
    const params = readParams(req.query);
    const objectList = req.payload.length > 0 ? readObjectList(req.payload) : undefined;
    const registration = this.registrations.at(location);
    const record = (responseCode: string, extra: Partial<ServerEvent> = {}): ResponseSpec => {
      this.events.append({ kind: 'update', ...base, params, ...(objectList ? { objectList } : {}), responseCode, location, ...extra });
      return { code: responseCode };
    };
    if (!registration) {
      if (this.faults.has('unknown-location-accepted')) return record('2.04');
      return record('4.04', { rejection: 'no registration at this location' });
    }
    const lt = params.params.lt;
    if (lt !== undefined) {
      const lifetimeS = Number(lt);
      if (!Number.isInteger(lifetimeS) || lifetimeS <= 0) return record('4.00', { rejection: `invalid lifetime "${String(lt)}"`, endpoint: registration.endpoint });
      if (!this.faults.has('update-ignores-lifetime')) registration.lifetimeS = lifetimeS;
    }
    if (objectList?.error) return record('4.00', { rejection: `object list is not link format: ${objectList.error}`, endpoint: registration.endpoint });
    if (typeof params.params.b === 'string') registration.binding = params.params.b;
    if (typeof params.params.sms === 'string') registration.sms = params.params.sms;
    if (objectList?.links) registration.links = objectList.links;
    this.registrations.moveTo(registration, req.peer);
    registration.lastUpdateAtMs = Math.floor(performance.now());
    if (!this.faults.has('update-does-not-refresh-lifetime')) this.registrations.refresh(registration, performance.now());
    return record('2.04', { endpoint: registration.endpoint });
  }

  private deregister(location: string, base: Omit<ServerEvent, 'kind'>): ResponseSpec {
    const keep = this.faults.has('deregister-keeps-registration');
    const registration = keep ? this.registrations.at(location) : this.registrations.remove(location);
    const code = registration || this.faults.has('unknown-location-accepted') ? '2.02' : '4.04';
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
