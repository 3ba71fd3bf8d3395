// A simulated LwM2M client the harness uses to test a bootstrap server: it starts in ETS
// configuration C.13 (a bootstrap account in Security instance 1 pointing at the target, /3/0,
// no server account), sends the Bootstrap-Request, answers the server's bootstrap requests as a
// conformant client does (the device's own BootstrapHandler), records each request with the
// answer, and can then register to the server it was given.
import { CoapEndpoint, type DatagramImpairment, type IncomingRequest, type ResponseSpec } from '../../coap/endpoint.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import { coreModel } from '../../lwm2m/model/index.ts';
import { usableServer } from '../device/accounts.ts';
import { BootstrapHandler } from '../device/bootstrap-handler.ts';
import { ObjectStore } from '../device/object-store.ts';
import { parseServerUri } from '../device/reference-client.ts';
import { EventLog } from '../event-log.ts';
import { WaitClock } from '../wait-clock.ts';
import { registerQuery, type ServerRequest } from './simulated-client.ts';
import { c1RegisterForm, objectListOf, type RegisterForm } from '../../lwm2m/register-form.ts';
import { unanswered, type Outcome } from '../outcome.ts';
import { applyBootstrapPack } from '../device/bootstrap-pack.ts';

/** The bootstrap account the harness gives the client: Security instance 1, NoSec, pointing at the target. */
export interface StartingBootstrapAccount {
  readonly instance: number;
  /** Resource values the account must keep: Server URI (0), Bootstrap-Server (1), Security Mode (2). */
  readonly values: Readonly<Record<0 | 1 | 2, string | boolean | number>>;
}

export class SimulatedBootstrapClient {
  readonly received = new EventLog<ServerRequest>();
  readonly store = new ObjectStore(coreModel());
  /** Its bootstrap account as the harness set it, declared so a case can tell a server's overwrite from a harness mistake. */
  readonly startingBootstrapAccount: StartingBootstrapAccount;
  /** Answer of the last Bootstrap-Finish ('2.04' once accepted). */
  finishCode: string | undefined;
  private readonly handler: BootstrapHandler;

  private constructor(
    readonly coap: CoapEndpoint,
    readonly target: PeerAddress,
    readonly name: string,
    private readonly clock: WaitClock,
    version: '1.0' | '1.1' | '1.2',
    /** How it registers with the server it is given. */
    private readonly form: RegisterForm,
  ) {
    const empty = () => new Uint8Array();
    this.startingBootstrapAccount = { instance: 1, values: { 0: `coap://${target.address.includes(':') ? `[${target.address}]` : target.address}:${target.port}`, 1: true, 2: 3 } };
    this.store.putInstance(0, this.startingBootstrapAccount.instance, { ...this.startingBootstrapAccount.values, 3: empty(), 4: empty(), 5: empty(), 11: 0 });
    this.store.addObject(1);
    this.store.putInstance(3, 0, { 0: 'lwm2m-conformance', 1: 'simulated-client', 2: 'SIM-0001', 3: '1.0.0', 4: null, 11: { 0: 0 }, 16: 'U' });
    this.handler = new BootstrapHandler(() => this.store, { version, has: () => false, finished: () => undefined });
    coap.onRequest((req) => this.answer(req));
  }

  static async create(options: { target: PeerAddress; name: string; version: '1.0' | '1.1' | '1.2'; clock?: WaitClock; trace?: TraceRecorder; params?: Partial<TransmissionParams>; form?: RegisterForm; impairment?: DatagramImpairment }): Promise<SimulatedBootstrapClient> {
    const coap = await CoapEndpoint.bind({
      address: options.target.address.includes(':') ? '::1' : '127.0.0.1',
      port: 0,
      name: `bootstrap client ${options.name}`,
      ...(options.trace ? { trace: options.trace } : {}),
      ...(options.impairment ? { impairment: options.impairment } : {}),
      ...(options.params ? { params: options.params } : {}),
    });
    return new SimulatedBootstrapClient(coap, options.target, options.name, options.clock ?? new WaitClock(), options.version, options.form ?? c1RegisterForm);
  }

  private async exchange(peer: PeerAddress, spec: Parameters<CoapEndpoint['request']>[1]): Promise<Outcome> {
    this.clock.begin();
    try {
      const response = await this.coap.request(peer, spec);
      return { response };
    } catch (error) {
      return unanswered(error);
    } finally {
      this.clock.end();
    }
  }

  /** Bootstrap-Request: POST /bs?ep=NAME to the target. */
  request(ep: string = this.name): Promise<Outcome> {
    return this.exchange(this.target, { method: 'POST', path: '/bs', query: [`ep=${ep}`] });
  }

  /**
   * Bootstrap-Pack-Request (1.2): GET /bspack?ep=NAME; a 2.05 answer is applied to the client's
   * objects, and `problem` says why it could not be (undecodable, unsupported format, inconsistent).
   */
  async packRequest(ep: string = this.name): Promise<Outcome & { problem?: string }> {
    const result = await this.exchange(this.target, { method: 'GET', path: '/bspack', query: [`ep=${ep}`] });
    if (result.response?.code !== '2.05') return result;
    const problem = applyBootstrapPack(this.store, this.handler, result.response.payload, result.response.contentFormat);
    return problem ? { ...result, problem } : result;
  }

  /** Waits for the next request from the target after `since`. */
  async nextRequest(since: number, within: number, where?: (r: ServerRequest) => boolean): Promise<ServerRequest | undefined> {
    this.clock.begin();
    try {
      return await this.received.waitFor({ since, within, ...(where ? { where } : {}) });
    } finally {
      this.clock.end();
    }
  }

  /** Registers to the server account it was given; an error when it has none. */
  async registerToProvisioned(): Promise<Outcome & { uri?: string }> {
    const account = usableServer(this.store);
    if (!account) return { error: 'no usable server account' };
    const lifetime = this.store.value(1, account.serverInstance, 1);
    const result = await this.exchange(parseServerUri(account.uri), {
      method: 'POST',
      path: '/rd',
      query: registerQuery(this.form, this.name, typeof lifetime === 'number' ? { lt: lifetime } : {}),
      payload: objectListOf(this.form),
      contentFormat: 40,
    });
    return { ...result, uri: account.uri };
  }

  /** How its bootstrap account differs from the one the harness set, e.g. '/0/1/0: "coap://a" → "coap://b"'; empty when it is unchanged. */
  bootstrapAccountChanges(): string[] {
    const { instance, values } = this.startingBootstrapAccount;
    if (!this.store.instance(0, instance)) return [`/0/${instance} is gone`];
    return Object.entries(values).flatMap(([resource, expected]) => {
      const now = this.store.value(0, instance, Number(resource));
      return now === expected ? [] : [`/0/${instance}/${resource}: ${JSON.stringify(expected)} → ${JSON.stringify(now)}`];
    });
  }

  close(): Promise<void> {
    return this.coap.close();
  }

  private answer(req: IncomingRequest): ResponseSpec {
    const response = this.handler.handle(req);
    if (req.path === '/bs' && req.method === 'POST') this.finishCode = response.code;
    this.received.append({ atMs: performance.now(), seq: req.seq ?? -1, request: req, answer: response.code });
    return response;
  }
}
