// The harness's reference bootstrap server (Core §5.2, §6.1): answers Bootstrap-Request
// (POST /bs?ep=…[&pct=…]) with 2.04, or 4.00 for an endpoint it has no configuration for, and
// Bootstrap-Pack-Request (GET /bspack?ep=…, 1.2) with 2.05. It then provisions the client's
// configuration (Discover, Delete, Write of /0, /1, /2 in the client's format, Finish), unless a
// case scripts the exchange itself (`scripted`), using write/read/discover/delete/finish.
// Everything it sees is kept as events that cases wait on and judge.
import { CoapEndpoint, type DatagramImpairment, type IncomingRequest, type ResponseSpec } from '../../coap/endpoint.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import { contentFormat } from '../../lwm2m/formats/index.ts';
import { coreModel } from '../../lwm2m/model/index.ts';
import type { LwM2mNode } from '../../lwm2m/node.ts';
import type { LwM2mValue } from '../../lwm2m/value.ts';
import { EventLog } from '../event-log.ts';
import { WaitClock } from '../wait-clock.ts';
import type { BootstrapConfiguration, ProvisionedInstance, ResourceValues } from './configurations.ts';
import type { BootstrapFault } from './faults.ts';
import { answered, unanswered, type Outcome } from '../outcome.ts';

export type BootstrapEventKind = 'request' | 'pack-request' | 'provisioned';

export interface BootstrapEvent {
  readonly kind: BootstrapEventKind;
  readonly atMs: number;
  readonly seq?: number;
  readonly peer?: PeerAddress;
  readonly endpoint?: string;
  readonly query?: readonly string[];
  /** Preferred content format (pct) of a 1.1+ Bootstrap-Request. */
  readonly preferredFormat?: number;
  readonly responseCode?: string;
  readonly rejection?: string;
  /** 'provisioned': the Finish outcome, or what stopped the provisioning. */
  readonly outcome?: string;
}

export interface BootstrapServerOptions {
  address?: string;
  port?: number;
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
  /** Configuration per endpoint name; `configurationFor` may compute it instead. */
  configurations?: ReadonlyMap<string, BootstrapConfiguration>;
  configurationFor?: (endpoint: string) => BootstrapConfiguration | undefined;
  /** Content format of the writes when the client states no preference: 11542 (TLV), 110, 112. */
  format?: number;
  faults?: readonly BootstrapFault[];
  /** Where waits on the client are counted; shared with the session's other peers so parallel waits count once. */
  clock?: WaitClock;
  /** Events kept (oldest dropped first); default: as many as the trace keeps records. */
  eventLimit?: number;
  /** Network impairment between the bootstrap server and its clients (rehearsing field conditions). */
  impairment?: DatagramImpairment;
}

export const TLV = 11542;
const writeFormats = new Set([TLV, 110, 112, 11543, 11544]);

/** The nodes of one provisioned instance, typed by the core object model. */
export function instanceNodes(item: ProvisionedInstance): LwM2mNode[] {
  const model = coreModel();
  const nodes: LwM2mNode[] = [];
  for (const [key, value] of Object.entries(item.values as ResourceValues)) {
    const r = Number(key);
    const def = model.resource(item.object, r);
    if (!def) continue;
    const path = `/${item.object}/${item.instance}/${r}`;
    if (def.multiple) {
      for (const [ri, v] of Object.entries(value as Record<number, LwM2mValue>)) nodes.push({ path: `${path}/${ri}`, type: def.type, value: v });
    } else nodes.push({ path, type: def.type, value: value as LwM2mValue });
  }
  return nodes;
}

/** A bootstrap account as a server configured with a stale address of itself writes it (fault rewrites-bootstrap-uri). */
function staleBootstrapAccount(instance: number): ProvisionedInstance {
  const empty = () => new Uint8Array();
  return { object: 0, instance, values: { 0: 'coap://bootstrap.invalid:5783', 1: true, 2: 3, 3: empty(), 4: empty(), 5: empty() } };
}

export class ReferenceBootstrapServer {
  readonly events: EventLog<BootstrapEvent>;
  /** When true, requests are answered and the case drives the exchange; else the server provisions on its own. */
  scripted = false;
  readonly clock: WaitClock;
  /** Where each endpoint last asked from, and the format it prefers. */
  private readonly clients = new Map<string, { peer: PeerAddress; format: number }>();
  /** What the last provisioning that finished wrote to each endpoint (its Security instance may have moved off the bootstrap account's). */
  private readonly provisioned = new Map<string, readonly ProvisionedInstance[]>();

  private constructor(
    readonly endpoint: CoapEndpoint,
    private readonly options: BootstrapServerOptions,
    private readonly faults: ReadonlySet<BootstrapFault>,
  ) {
    this.clock = options.clock ?? new WaitClock();
    this.events = new EventLog(options.eventLimit ?? endpoint.trace.capacity);
    endpoint.onRequest((req) => this.handle(req));
  }

  static async start(options: BootstrapServerOptions = {}): Promise<ReferenceBootstrapServer> {
    const endpoint = await CoapEndpoint.bind({
      address: options.address ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(options.params ? { params: options.params } : {}),
      ...(options.trace ? { trace: options.trace } : {}),
      ...(options.impairment ? { impairment: options.impairment } : {}),
      name: 'bootstrap server',
    });
    return new ReferenceBootstrapServer(endpoint, options, new Set(options.faults ?? []));
  }

  get uri(): string {
    const { address, port } = this.endpoint.local;
    return `coap://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  configurationOf(endpoint: string): BootstrapConfiguration | undefined {
    return this.options.configurations?.get(endpoint) ?? this.options.configurationFor?.(endpoint);
  }

  /** Waits for the next event of a kind (or of one of several kinds) after `since`. */
  async waitFor(kind: BootstrapEventKind | readonly BootstrapEventKind[], options: { since: number; within: number; endpoint?: string; signal?: AbortSignal }): Promise<BootstrapEvent | undefined> {
    const kinds: readonly BootstrapEventKind[] = typeof kind === 'string' ? [kind] : kind;
    this.clock.begin();
    try {
      return await this.events.waitFor({
        since: options.since,
        within: options.within,
        ...(options.signal ? { signal: options.signal } : {}),
        where: (e) => kinds.includes(e.kind) && (options.endpoint === undefined || e.endpoint === options.endpoint),
      });
    } finally {
      this.clock.end();
    }
  }

  /** Content format the writes to an endpoint use. */
  formatFor(endpoint: string): number {
    return this.clients.get(endpoint)?.format ?? this.options.format ?? TLV;
  }

  async request(endpoint: string, spec: Parameters<CoapEndpoint['request']>[1]): Promise<Outcome> {
    const client = this.clients.get(endpoint);
    if (!client) return { error: `"${endpoint}" has not sent a Bootstrap-Request` };
    this.clock.begin();
    try {
      return answered(await this.endpoint.request(client.peer, spec));
    } catch (error) {
      return unanswered(error);
    } finally {
      this.clock.end();
    }
  }

  /** Bootstrap-Write of instances (all of one object: /o, or one instance: /o/i) in the endpoint's format. */
  write(endpoint: string, path: string, instances: readonly ProvisionedInstance[], format = this.formatFor(endpoint)): Promise<Outcome> {
    const nodes = instances.flatMap(instanceNodes);
    const payload = Buffer.from(contentFormat(format)!.encode(nodes, { path, model: coreModel() }));
    return this.request(endpoint, { method: 'PUT', path, payload, contentFormat: format });
  }

  /** Bootstrap-Write of one resource in text/plain. */
  writeText(endpoint: string, path: string, text: string): Promise<Outcome> {
    return this.request(endpoint, { method: 'PUT', path, payload: text, contentFormat: 0 });
  }

  discover(endpoint: string, path = '/'): Promise<Outcome> {
    return this.request(endpoint, { method: 'GET', path, ...(this.faults.has('discover-without-accept') ? {} : { accept: 40 }) });
  }

  read(endpoint: string, path: string, accept?: number): Promise<Outcome> {
    return this.request(endpoint, { method: 'GET', path, ...(accept !== undefined ? { accept } : {}) });
  }

  delete(endpoint: string, path: string): Promise<Outcome> {
    return this.request(endpoint, { method: 'DELETE', path });
  }

  finish(endpoint: string): Promise<Outcome> {
    return this.request(endpoint, { method: 'POST', path: '/bs' });
  }

  /**
   * The whole provisioning of a configuration: Discover (to find the client's bootstrap
   * account), Deletes, one Write per object, Finish. Returns the Finish outcome, or why it stopped.
   */
  async provision(endpoint: string, configuration: BootstrapConfiguration): Promise<string> {
    const discovered = await this.discover(endpoint, '/');
    const bootstrapInstance = bootstrapInstanceIn(discovered.response?.payload.toString('utf8') ?? '');
    const instances = this.adjust(configuration.instances, bootstrapInstance);
    for (const path of configuration.deletes) {
      const outcome = await this.delete(endpoint, path);
      if (!outcome.response) return `Delete ${path}: ${outcome.error}`;
    }
    if (this.faults.has('delete-resource-path')) await this.delete(endpoint, '/0/0/0');
    for (const object of [0, 1, 2] as const) {
      const items = instances.filter((i) => i.object === object);
      if (items.length === 0) continue;
      const outcome = await this.write(endpoint, `/${object}`, items);
      if (!outcome.response?.code.startsWith('2.')) return `Write /${object}: ${outcome.response?.code ?? outcome.error}`;
    }
    if (this.faults.has('no-finish')) return 'no Finish sent';
    const finish = await this.finish(endpoint);
    if (finish.response?.code === '2.04') this.provisioned.set(endpoint, instances);
    return finish.response ? `Finish ${finish.response.code}` : `Finish: ${finish.error}`;
  }

  /** The instances the last finished provisioning of an endpoint wrote. */
  provisionedTo(endpoint: string): readonly ProvisionedInstance[] | undefined {
    return this.provisioned.get(endpoint);
  }

  /** Keeps the server account off the bootstrap account's Security instance; faults bend it. */
  private adjust(instances: readonly ProvisionedInstance[], bootstrapInstance: number | undefined): ProvisionedInstance[] {
    const used = new Set(instances.filter((i) => i.object === 0).map((i) => i.instance));
    let free = 0;
    while (free === bootstrapInstance || used.has(free)) free++;
    return instances.flatMap((item): ProvisionedInstance[] => {
      if (item.object !== 0) return [item];
      if (this.faults.has('server-without-security')) return [];
      let instance = item.instance;
      if (this.faults.has('overwrites-bootstrap-account') && bootstrapInstance !== undefined) instance = bootstrapInstance;
      else if (instance === bootstrapInstance) instance = free;
      const ssid = item.values[10];
      const values = this.faults.has('ssid-mismatch') && typeof ssid === 'number' ? { ...item.values, 10: ssid + 1 } : item.values;
      return [{ ...item, instance, values }];
    }).concat(this.faults.has('rewrites-bootstrap-uri') && bootstrapInstance !== undefined ? [staleBootstrapAccount(bootstrapInstance)] : []);
  }

  async close(): Promise<void> {
    await this.endpoint.close();
  }

  private handle(req: IncomingRequest): ResponseSpec {
    if (req.path === '/bs' && req.method === 'POST') return this.bootstrapRequest(req);
    if (req.path === '/bspack' && req.method === 'GET') return this.packRequest(req);
    return { code: '4.04' };
  }

  private bootstrapRequest(req: IncomingRequest): ResponseSpec {
    const ep = queryValue(req.query, 'ep');
    const pct = queryValue(req.query, 'pct');
    const preferredFormat = pct !== undefined && /^\d+$/.test(pct) ? Number(pct) : undefined;
    const base = { atMs: performance.now(), ...(req.seq !== undefined ? { seq: req.seq } : {}), peer: req.peer, query: req.query, ...(ep ? { endpoint: ep } : {}), ...(preferredFormat !== undefined ? { preferredFormat } : {}) };
    const record = (responseCode: string, rejection?: string): ResponseSpec => {
      this.events.append({ kind: 'request', ...base, responseCode, ...(rejection ? { rejection } : {}) });
      return { code: responseCode, ...(rejection ? { payload: rejection } : {}) };
    };
    if (!ep) return record('4.00', 'no endpoint name (ep)');
    if (preferredFormat !== undefined && !writeFormats.has(preferredFormat)) return record('4.15', `pct=${preferredFormat} is not a format the server writes`);
    const configuration = this.configurationOf(ep);
    if (!configuration && !this.scripted && !this.faults.has('unknown-endpoint-accepted')) return record('4.00', `no bootstrap configuration for "${ep}"`);
    this.clients.set(ep, { peer: req.peer, format: preferredFormat ?? this.options.format ?? TLV });
    const code = this.faults.has('request-answered-created') ? '2.01' : '2.04';
    if (!this.scripted) {
      // Provisioning starts once the answer is on its way.
      setImmediate(() => void this.autoProvision(ep, configuration ?? { name: 'none', deletes: [], instances: [] }));
    }
    return record(code);
  }

  private async autoProvision(endpoint: string, configuration: BootstrapConfiguration): Promise<void> {
    const outcome = await this.provision(endpoint, configuration);
    this.events.append({ kind: 'provisioned', atMs: performance.now(), endpoint, outcome });
  }

  /** Bootstrap-Pack-Request (1.2): the whole configuration in one SenML CBOR answer. */
  private packRequest(req: IncomingRequest): ResponseSpec {
    const ep = queryValue(req.query, 'ep');
    const configuration = ep ? this.configurationOf(ep) : undefined;
    const base = { atMs: performance.now(), ...(req.seq !== undefined ? { seq: req.seq } : {}), peer: req.peer, query: req.query, ...(ep ? { endpoint: ep } : {}) };
    if (!configuration) {
      this.events.append({ kind: 'pack-request', ...base, responseCode: '4.00', rejection: ep ? `no bootstrap configuration for "${ep}"` : 'no endpoint name (ep)' });
      return { code: '4.00' };
    }
    if (this.faults.has('pack-answered-changed')) {
      this.events.append({ kind: 'pack-request', ...base, responseCode: '2.04' });
      return { code: '2.04' };
    }
    // A pack client's bootstrap account is not known (no Discover first): the account faults still apply.
    const nodes = this.adjust(configuration.instances, undefined).flatMap(instanceNodes);
    this.events.append({ kind: 'pack-request', ...base, responseCode: '2.05' });
    return { code: '2.05', payload: Buffer.from(contentFormat(112)!.encode(nodes, { model: coreModel() })), contentFormat: 112 };
  }
}

function queryValue(query: readonly string[], name: string): string | undefined {
  const item = query.find((q) => q.startsWith(`${name}=`));
  return item?.slice(name.length + 1);
}

/** The Security instance a Bootstrap-Discover answer shows without ssid (the bootstrap account). */
export function bootstrapInstanceIn(discover: string): number | undefined {
  for (const item of discover.split(',')) {
    const match = /^<\/0\/(\d+)>(.*)$/.exec(item.trim());
    if (match && !/ssid=/.test(match[2]!)) return Number(match[1]);
  }
  return undefined;
}
