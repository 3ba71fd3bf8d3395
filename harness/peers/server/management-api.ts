// The reference server's HTTP management API: what a person or a test harness uses to make the
// server act (read, write, execute, observe… a registered client) and to see its registrations.
// It is also the driver the server suite uses when the reference server is the target.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceServer, ServerObservation } from './reference-server.ts';
import type { Outcome } from '../outcome.ts';
import type { ServerFault } from './faults.ts';

const maxBody = 1 << 20;

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
  const printable = /^[\t\n\r\x20-\x7e]*$/.test(r.payload.toString('utf8'));
  return {
    status: 200,
    body: {
      code: r.code,
      ...(r.contentFormat !== undefined ? { contentFormat: r.contentFormat } : {}),
      ...(printable ? { payload: r.payload.toString('utf8') } : { payloadHex: r.payload.toString('hex') }),
    },
  };
}

export class ManagementApi {
  private readonly observations = new Map<number, { observation: ServerObservation; path: string }>();

  private constructor(
    private readonly http: Server,
    private readonly server: ReferenceServer,
    private readonly faults: ReadonlySet<ServerFault>,
  ) {}

  static async start(server: ReferenceServer, options: { address?: string; port?: number; faults?: readonly ServerFault[] } = {}): Promise<ManagementApi> {
    const http = createServer();
    const api = new ManagementApi(http, server, new Set(options.faults ?? []));
    http.on('request', (req, res) => void api.handle(req, res));
    await new Promise<void>((resolve) => http.listen(options.port ?? 0, options.address ?? '127.0.0.1', resolve));
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
      const url = new URL(req.url ?? '/', 'http://localhost');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] !== 'api' || parts[1] !== 'clients') return reply(404, { error: 'unknown resource' });
      if (parts.length === 2 && req.method === 'GET') return reply(200, this.server.registrations.all().map(describe));
      const endpoint = parts[2]!;
      const registration = this.server.registrationOf(endpoint);
      if (parts.length === 3 && req.method === 'GET') return registration ? reply(200, describe(registration)) : reply(404, { error: `"${endpoint}" is not registered` });
      if (parts.length !== 4 || req.method !== 'POST') return reply(405, { error: 'use POST /api/clients/{endpoint}/{operation}' });
      if (!registration) return reply(404, { error: `"${endpoint}" is not registered` });
      const body = await readBody(req);
      const { status, body: out } = await this.operate(endpoint, parts[3]!, body);
      return reply(status, out);
    } catch (error) {
      return reply(400, { error: (error as Error).message });
    }
  }

  private async operate(endpoint: string, operation: string, b: Body): Promise<{ status: number; body: unknown }> {
    const path = b.path ?? '/';
    const s = this.server;
    const fault = (name: ServerFault) => this.faults.has(name);
    switch (operation) {
      case 'read':
        return outcomeJson(await s.read(endpoint, path, fault('read-accepts-json') ? 11543 : b.accept));
      case 'write':
        if (fault('write-without-content-format')) return outcomeJson(await s.request(endpoint, { method: 'PUT', path, payload: b.value ?? '' }));
        return outcomeJson(b.contentFormat === undefined || b.contentFormat === 0 ? await s.write(endpoint, path, b.value ?? '') : await s.writeBody(endpoint, path, Buffer.from(b.payload ?? '', 'hex'), b.contentFormat));
      case 'execute':
        // A TLV "resource 0 = 1" body where text arguments (or none) belong.
        if (fault('execute-with-tlv-body')) return outcomeJson(await s.request(endpoint, { method: 'POST', path, payload: Buffer.from('c10001', 'hex'), contentFormat: 11542 }));
        return outcomeJson(await s.execute(endpoint, path, b.args));
      case 'create':
        if (fault('create-without-content-format')) return outcomeJson(await s.request(endpoint, { method: 'POST', path, payload: Buffer.from(b.payload ?? '', 'hex') }));
        return outcomeJson(await s.create(endpoint, path, Buffer.from(b.payload ?? '', 'hex'), b.contentFormat ?? 11542));
      case 'delete':
        return outcomeJson(await s.delete(endpoint, fault('delete-whole-object') ? path.replace(/^(\/\d+)\/.*$/, '$1') : path));
      case 'discover':
        if (fault('discover-without-link-format-accept')) return outcomeJson(await s.read(endpoint, path));
        return outcomeJson(await s.discover(endpoint, path, b.depth));
      case 'write-attributes':
        return outcomeJson(await s.writeAttributes(endpoint, path, b.attributes ?? ''));
      case 'observe': {
        if (fault('observe-without-observe-option')) return outcomeJson(await s.read(endpoint, path, b.accept));
        const observation = await s.observe(endpoint, path, b.accept !== undefined ? { accept: b.accept } : {});
        this.observations.set(observation.id, { observation, path });
        const first = outcomeJson(observation.first);
        return { status: first.status, body: { id: observation.id, established: observation.established, ...(first.body as object) } };
      }
      case 'cancel-observe': {
        const held = b.id !== undefined ? this.observations.get(b.id) : [...this.observations.values()].at(-1);
        if (!held) return { status: 404, body: { error: 'no such observation' } };
        const { observation } = held;
        this.observations.delete(observation.id);
        if (fault('cancel-observe-new-token')) return outcomeJson(await s.request(endpoint, { method: 'GET', path: held.path, observe: 1 }));
        const outcome = await observation.cancel(b.mode ?? 'observe-1');
        return outcome ? outcomeJson(outcome) : { status: 200, body: { cancelled: observation.id } };
      }
      default:
        return { status: 404, body: { error: `unknown operation "${operation}"` } };
    }
  }
}

function describe(r: { endpoint: string; location: string; lifetimeS: number; binding: string; version: string; queueMode: boolean; links: readonly { uri: string }[] }) {
  return { endpoint: r.endpoint, location: r.location, lifetime: r.lifetimeS, binding: r.binding, lwm2m: r.version, queueMode: r.queueMode, objects: r.links.map((l) => l.uri) };
}

async function readBody(req: IncomingMessage): Promise<Body> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the body must be a JSON object');
  return parsed as Body;
}
