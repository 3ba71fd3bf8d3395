// A scripted LwM2M client the harness uses to test a server: it sends exactly the Register,
// Update, De-register and Send the case asks for (well formed or deliberately not), answers
// the server's requests from a small C.1 object set, and records every request the server
// sends so the case can judge it.
import { CoapEndpoint, type DatagramImpairment, type IncomingRequest, type RequestSpec, type ResponseSpec } from '../../coap/endpoint.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import { EventLog } from '../event-log.ts';
import { WaitClock } from '../wait-clock.ts';
import { OptionNumber, encodeUint } from '../../coap/options.ts';
import { encodeMessage } from '../../coap/message.ts';
import type { ClientEndpointSecurity } from '../../coap/transport.ts';
import { answered, unanswered, type Outcome } from '../outcome.ts';
import { c1RegisterForm, objectListOf, type RegisterForm } from '../../lwm2m/register-form.ts';

export type { RegisterForm } from '../../lwm2m/register-form.ts';

/** DTLS credentials a simulated client presents to a coaps:// server (PSK or certificate). */
export type ProbeDtls = Omit<ClientEndpointSecurity, 'role' | 'server' | 'name'>;

/** A request the server under test sent to this client, and what the client answered. */
export interface ServerRequest {
  readonly atMs: number;
  readonly seq: number;
  readonly request: IncomingRequest;
  readonly answer: string;
}

export interface RegisterSpec {
  /** Endpoint name; null leaves `ep` out. Default: the client's name. */
  ep?: string | null;
  lt?: number | null;
  lwm2m?: string | null;
  b?: string | null;
  /** Extra query items, e.g. ['Q'] or ['pid=6:27354b9a']. */
  extra?: string[];
  /** Object list; default the client's form (the profile's `clients`, else C.1). */
  links?: string;
  contentFormat?: number | null;
  confirmable?: boolean;
}

/**
 * The query items of a Register: ep, lt, lwm2m, b from the spec where it says, else from the
 * form (null leaves an item out), queue mode of the form (Q; in 1.0 part of b), the spec's extras.
 */
export function registerQuery(form: RegisterForm, name: string, spec: RegisterSpec = {}): string[] {
  const query: string[] = [];
  const ep = spec.ep === undefined ? name : spec.ep;
  if (ep !== null) query.push(`ep=${ep}`);
  if (spec.lt !== null) query.push(`lt=${spec.lt ?? form.lifetime}`);
  if (spec.lwm2m !== null) query.push(`lwm2m=${spec.lwm2m ?? form.lwm2mVersion}`);
  const extra = spec.extra ?? [];
  // The form's queue mode, unless the case sets the binding or asks for queue mode itself.
  const queue = form.queueMode && spec.b === undefined && !extra.includes('Q');
  const legacyQueue = queue && (spec.lwm2m ?? form.lwm2mVersion) === '1.0';
  if (spec.b !== null) query.push(`b=${spec.b ?? form.binding}${legacyQueue ? 'Q' : ''}`);
  if (queue && !legacyQueue) query.push('Q');
  query.push(...extra);
  return query;
}

/** The C.1 object list a minimal conformant client registers with. */
export const c1ObjectList = objectListOf(c1RegisterForm);

/** Resources the client can read back (text/plain), C.1 values. */
const readable: Record<string, string> = {
  '/1/0/0': '1',
  '/1/0/1': '86400',
  '/1/0/6': 'false',
  '/1/0/7': 'U',
  '/3/0/0': 'lwm2m-conformance',
  '/3/0/1': 'simulated-client',
  '/3/0/2': 'SIM-0001',
  '/3/0/3': '1.0.0',
  '/3/0/16': 'U',
};

export class SimulatedClient {
  readonly received = new EventLog<ServerRequest>();
  private constructor(
    readonly coap: CoapEndpoint,
    readonly server: PeerAddress,
    readonly name: string,
    /** Where the time spent waiting for the server is counted (shared by a case's clients). */
    private readonly clock: WaitClock,
    /** How it registers where the case does not say otherwise. */
    readonly form: RegisterForm,
  ) {
    coap.onRequest((req) => this.answer(req));
  }

  /** Binds a socket; with `dtls`, first completes a handshake with the server (rejects with DtlsHandshakeError). */
  static async create(options: { server: PeerAddress; name: string; clock?: WaitClock; trace?: TraceRecorder; params?: Partial<TransmissionParams>; address?: string; dtls?: ProbeDtls; form?: RegisterForm; impairment?: DatagramImpairment }): Promise<SimulatedClient> {
    const address = options.address ?? (options.server.address.includes(':') ? '::1' : '127.0.0.1');
    const coap = await CoapEndpoint.bind({
      address,
      port: 0,
      ...(options.dtls ? { security: { ...options.dtls, role: 'client' as const, server: options.server } } : {}),
      name: `client ${options.name}`,
      ...(options.trace ? { trace: options.trace } : {}),
      ...(options.impairment ? { impairment: options.impairment } : {}),
      ...(options.params ? { params: options.params } : {}),
    });
    return SimulatedClient.over(coap, options);
  }

  /** A client on an endpoint bound elsewhere (the session's readiness probe); closing the client closes it. */
  static over(coap: CoapEndpoint, options: { server: PeerAddress; name: string; clock?: WaitClock; form?: RegisterForm }): SimulatedClient {
    return new SimulatedClient(coap, options.server, options.name, options.clock ?? new WaitClock(), options.form ?? c1RegisterForm);
  }

  get local(): PeerAddress {
    return this.coap.local;
  }

  /** Sends a request to the server and waits for its answer; never throws for a silent server. */
  async send(spec: RequestSpec): Promise<Outcome> {
    this.clock.begin();
    try {
      return answered(await this.coap.request(this.server, spec));
    } catch (error) {
      return unanswered(error);
    } finally {
      this.clock.end();
    }
  }

  register(spec: RegisterSpec = {}): Promise<Outcome> {
    const { query, links } = this.registerContent(spec);
    return this.send({
      method: 'POST',
      path: '/rd',
      query,
      payload: links,
      ...(spec.contentFormat !== null ? { contentFormat: spec.contentFormat ?? 40 } : {}),
      ...(spec.confirmable === false ? { confirmable: false } : {}),
    });
  }

  /**
   * A confirmable Register (with its content format and object list) as one datagram that
   * `send` puts on the wire unchanged each time: same message id and token, as a client
   * retransmits it after a lost ACK. The server's answers are found in the trace by message id.
   */
  registerDatagram(spec: Omit<RegisterSpec, 'contentFormat' | 'confirmable'> = {}): { messageId: number; send(): Promise<void> } {
    const messageId = this.coap.allocateMessageId();
    const { query, links } = this.registerContent(spec);
    const bytes = encodeMessage({
      type: 'CON',
      code: '0.02',
      messageId,
      token: this.coap.newToken(),
      options: [
        { number: OptionNumber.UriPath, value: Buffer.from('rd') },
        { number: OptionNumber.ContentFormat, value: encodeUint(40) },
        ...query.map((q) => ({ number: OptionNumber.UriQuery, value: Buffer.from(q) })),
      ],
      payload: Buffer.from(links),
    });
    return { messageId, send: () => this.coap.sendRaw(this.server, bytes) };
  }

  /** What a Register of `spec` sends: its query items and object list (the client's form where the spec is silent). */
  registerContent(spec: Omit<RegisterSpec, 'contentFormat' | 'confirmable'> = {}): { query: string[]; links: string } {
    return { query: registerQuery(this.form, this.name, spec), links: spec.links ?? objectListOf(this.form) };
  }

  update(location: string, query: string[] = [], links?: string): Promise<Outcome> {
    return this.send({ method: 'POST', path: location, query, ...(links !== undefined ? { payload: links, contentFormat: 40 } : {}) });
  }

  deregister(location: string): Promise<Outcome> {
    return this.send({ method: 'DELETE', path: location });
  }

  /** Waits for the next request the server sends to this client after `since`. */
  async nextRequest(since: number, within: number, where?: (r: ServerRequest) => boolean): Promise<ServerRequest | undefined> {
    this.clock.begin();
    try {
      return await this.received.waitFor({ since, within, ...(where ? { where } : {}) });
    } finally {
      this.clock.end();
    }
  }

  close(): Promise<void> {
    return this.coap.close();
  }

  /**
   * Sends a notification the server never asked for (unknown token), as a confirmable message,
   * and returns its message id so the case can look for the server's RST.
   */
  async sendUnsolicitedNotification(): Promise<number> {
    const messageId = this.coap.allocateMessageId();
    await this.coap.sendMessage(this.server, {
      type: 'CON',
      code: '2.05',
      messageId,
      token: this.coap.newToken(),
      options: [
        { number: OptionNumber.Observe, value: encodeUint(7) },
        { number: OptionNumber.ContentFormat, value: encodeUint(0) },
      ],
      payload: Buffer.from('lwm2m-conformance'),
    });
    return messageId;
  }

  private answer(req: IncomingRequest): ResponseSpec {
    const value = readable[req.path];
    let response: ResponseSpec;
    if (req.method === 'GET' && value !== undefined && req.observe === 0 && req.startObservation) {
      // Accept the observation, so the server's cancellation can be judged.
      req.startObservation();
      response = { code: '2.05', payload: value, contentFormat: 0 };
    } else if (req.method === 'GET' && value !== undefined) response = { code: '2.05', payload: value, contentFormat: 0 };
    else if ((req.method === 'PUT' || req.method === 'POST') && req.path === '/1/0/1') response = { code: '2.04' };
    else if (req.method === 'POST' && (req.path === '/1/0/8' || req.path === '/3/0/4')) response = { code: '2.04' };
    else response = { code: value === undefined ? '4.04' : '4.05' };
    this.received.append({ atMs: performance.now(), seq: req.seq, request: req, answer: response.code });
    return response;
  }
}
