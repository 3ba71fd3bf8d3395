// The reference server's HTTP management API: what a person or a test harness uses to make the
// server act (read, write, execute, observe… a registered client) and to see its registrations.
// It is also the driver the server suite uses when the reference server is the target. Besides
// its own routes (POST /api/clients/{ep}/{operation}) it answers resource-style routes
// (GET /api/clients/{ep}/3/0/1 …) shaped like those of common LwM2M servers. Every request needs
// the server's bearer token and a Host (and Origin) naming the server (api-access.ts); a body is
// JSON, declared so: a form or text/plain body, which a web page can send anywhere, is refused.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceServer } from './reference-server.ts';
import type { Outcome } from '../outcome.ts';
import type { ServerFault } from './faults.ts';
import { payloadView, ServerOperations, type OperationName, type OperationRequest, type OperationResult } from './operations.ts';
import { contentFormat } from '../../lwm2m/formats/index.ts';
import { ApiAccess } from './api-access.ts';

const maxBody = 1 << 20;

const json = 'application/json';
/** A SenML JSON pack: the body of the create route. */
const senmlJson = 'application/senml+json';

/** The request body's media type, without parameters (charset), in lower case. */
const mediaType = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

interface Body {
  path?: string;
  value?: string;
  accept?: number;
  contentFormat?: number;
  payload?: string;
  args?: string;
  attributes?: string;
  depth?: number;
  id?: number;
  mode?: 'rst' | 'observe-1';
}

function outcomeJson(outcome: Outcome): { status: number; body: unknown } {
  if (!outcome.response) return { status: 504, body: { error: outcome.error } };
  const r = outcome.response;
  const view = payloadView(r.payload);
  return {
    status: 200,
    body: {
      code: r.code,
      ...(r.contentFormat !== undefined ? { contentFormat: r.contentFormat } : {}),
      ...(view.text !== undefined ? { payload: view.text } : { payloadHex: view.hex }),
    },
  };
}

/** The JSON an operation's result is answered with (and its HTTP status). */
function resultJson(result: OperationResult): { status: number; body: unknown } {
  if (result.kind === 'refused') return { status: 404, body: { error: result.reason } };
  if (result.kind === 'cancelled') return { status: 200, body: { cancelled: result.id } };
  const out = outcomeJson(result.outcome);
  return result.observation ? { status: out.status, body: { ...result.observation, ...(out.body as object) } } : out;
}

/** A body of the operation routes as the operations module takes it: payloads in hex. */
function toRequest(b: Body): OperationRequest {
  const { payload, ...rest } = b;
  return { ...rest, ...(payload !== undefined ? { payload: Buffer.from(payload, 'hex') } : {}) };
}

/** `?format=tlv` (or a number) as a content-format number. */
function formatOf(url: URL): number | undefined {
  const format = url.searchParams.get('format');
  if (format === null) return undefined;
  const codec = contentFormat(format);
  if (!codec) throw new Error(`unknown format "${format}"`);
  return codec.number;
}

export class ManagementApi {
  readonly operations: ServerOperations;

  /** Set once the API listens: the Host names it answers to depend on the port. */
  private access: ApiAccess | undefined;

  private constructor(
    private readonly http: Server,
    private readonly server: ReferenceServer,
    operations: ServerOperations,
  ) {
    this.operations = operations;
  }

  /** `token`: the bearer token every request must carry. Rejects with the socket's error when it cannot listen. */
  static async start(
    server: ReferenceServer,
    options: { token: string; address?: string; port?: number; faults?: readonly ServerFault[]; operations?: ServerOperations },
  ): Promise<ManagementApi> {
    const http = createServer();
    const api = new ManagementApi(http, server, options.operations ?? new ServerOperations(server, new Set(options.faults ?? [])));
    http.on('request', (req, res) => void api.handle(req, res));
    const address = options.address ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, address, () => {
        http.off('error', reject);
        resolve();
      });
    });
    api.access = ApiAccess.of(options.token, http.address() as AddressInfo, address);
    return api;
  }

  get url(): string {
    const { address, port } = this.http.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(body)}\n`);
    };
    try {
      const refusal = this.access!.refusal(req.headers);
      if (refusal) {
        if (refusal.status === 401) res.setHeader('www-authenticate', 'Bearer realm="lwm2m-conformance"');
        return reply(refusal.status, { error: refusal.error });
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] !== 'api' || parts[1] !== 'clients') return reply(404, { error: 'unknown resource' });
      const resource = /^\d+$/.test(parts[3] ?? '');
      // Any body is judged by its type first, whatever the route: only JSON, declared so.
      const text = await readText(req);
      const type = mediaType(req);
      const creates = resource && req.method === 'POST' && parts.length === 4;
      if (text && type !== json && !(creates && type === senmlJson)) {
        return reply(415, { error: `the body must be JSON sent as Content-Type: ${json}${creates ? ` (or a SenML JSON pack as ${senmlJson})` : ''}, not ${type || 'untyped'}` });
      }
      if (parts.length === 2 && req.method === 'GET') return reply(200, this.server.registrations.all().map(describe));
      const endpoint = parts[2]!;
      const registration = this.server.registrationOf(endpoint);
      if (parts.length === 3 && req.method === 'GET') return registration ? reply(200, describe(registration)) : reply(404, { error: `"${endpoint}" is not registered` });
      if (!resource && (parts.length !== 4 || req.method !== 'POST')) return reply(405, { error: 'use POST /api/clients/{endpoint}/{operation}, or GET|PUT|POST|DELETE /api/clients/{endpoint}/{path}' });
      if (!registration) return reply(404, { error: `"${endpoint}" is not registered` });
      const call = resource ? resourceCall(req.method ?? 'GET', parts.slice(3), url, text) : legacyCall(parts[3]!, parseBody(text));
      if (typeof call === 'string') return reply(405, { error: call });
      const { status, body: out } = resultJson(await this.operations.run(endpoint, call.operation, call.request));
      return reply(status, out);
    } catch (error) {
      return reply(400, { error: (error as Error).message });
    }
  }
}

/** An operation route's call; its cancel-observe takes the observation by id, else the latest (never by path). */
function legacyCall(operation: string, b: Body): { operation: string; request: OperationRequest } {
  const { path, ...rest } = toRequest(b);
  return { operation, request: operation === 'cancel-observe' ? rest : { ...rest, ...(path !== undefined ? { path } : {}) } };
}

/**
 * The resource-style routes, as common LwM2M server REST APIs shape them: GET {path} reads, PUT
 * {path} writes {"value": …}, POST {o} creates (a SenML JSON pack, or {"contentFormat", "payload"
 * in hex}), POST {o/i/r} executes ({"args": …}), DELETE {path} deletes, GET
 * {path}/discover, PUT {path}/attributes?pmin=…, POST {path}/observe, DELETE {path}/observe
 * (?active: Observe=1, else the next notification gets RST). A string says what is not a route.
 */
function resourceCall(method: string, rest: readonly string[], url: URL, text: string): { operation: OperationName; request: OperationRequest } | string {
  const ids = rest.filter((p) => /^\d+$/.test(p));
  const suffix = rest.slice(ids.length);
  const path = `/${ids.join('/')}`;
  const route = `${method} ${suffix.join('/')}`.trim();
  const format = formatOf(url);
  const accept = format !== undefined ? { accept: format } : {};
  switch (route) {
    case 'GET':
      return { operation: 'read', request: { path, ...accept } };
    case 'PUT': {
      const b = parseBody(text) as Body & { value?: unknown };
      return { operation: 'write', request: { ...toRequest(b), path, ...(b.value !== undefined ? { value: String(b.value) } : {}) } };
    }
    case 'POST':
      if (ids.length === 1) {
        const json: unknown = text ? JSON.parse(text) : {};
        return { operation: 'create', request: Array.isArray(json) ? { path, contentFormat: 110, payload: Buffer.from(text.trim()) } : { ...toRequest(parseBody(text)), path } };
      }
      if (ids.length === 3) {
        const { args } = parseBody(text);
        return { operation: 'execute', request: { path, ...(args !== undefined ? { args: String(args) } : {}) } };
      }
      return `POST ${path}: POST an object to create an instance, or a resource to execute it`;
    case 'DELETE':
      return { operation: 'delete', request: { path } };
    case 'GET discover': {
      const depth = url.searchParams.get('depth');
      return { operation: 'discover', request: { path, ...(depth !== null ? { depth: Number(depth) } : {}) } };
    }
    case 'PUT attributes':
      return { operation: 'write-attributes', request: { path, attributes: url.search.slice(1) } };
    case 'POST observe':
      return { operation: 'observe', request: { path, ...accept } };
    case 'DELETE observe':
      return { operation: 'cancel-observe', request: { path, mode: url.searchParams.has('active') ? 'observe-1' : 'rst' } };
    default:
      return `no route ${route} on ${path}`;
  }
}

function describe(r: { endpoint: string; location: string; lifetimeS: number; binding: string; version: string; queueMode: boolean; links: readonly { uri: string }[] }) {
  return { endpoint: r.endpoint, location: r.location, lifetime: r.lifetimeS, binding: r.binding, lwm2m: r.version, queueMode: r.queueMode, objects: r.links.map((l) => l.uri) };
}

async function readText(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

function parseBody(text: string): Body {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the body must be a JSON object');
  return parsed as Body;
}
