// When and how the reference device bootstraps (Core §6.1.2, §6.1.3): a client-initiated
// Bootstrap-Request (POST /bs?ep=…) to the bootstrap account's URI after its Client Hold Off
// Time (/0/x/11), retried with back-off while the bootstrap server does not answer 2.04; the
// bootstrap server's requests are then answered by the BootstrapHandler until a Finish is
// accepted, or until EXCHANGE_LIFETIME passes without one (the device then asks again).
// A device configured for it (LwM2M 1.2) asks with a Bootstrap-Pack-Request (GET /bspack?ep=…)
// instead and applies the configuration in the 2.05 answer.
import type { CoapEndpoint, IncomingRequest, ResponseSpec } from '../../coap/endpoint.ts';
import type { PeerAddress } from '../../coap/trace.ts';
import { bootstrapAccount } from './accounts.ts';
import { BootstrapHandler } from './bootstrap-handler.ts';
import { applyBootstrapPack } from './bootstrap-pack.ts';
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';
import { SENML_CBOR } from './representation.ts';

export interface BootstrapClientDeps {
  coap(): CoapEndpoint;
  store(): ObjectStore;
  readonly endpoint: string;
  readonly version: '1.0' | '1.1' | '1.2';
  /** Bootstrap with a Bootstrap-Pack-Request (GET /bspack) instead of POST /bs. */
  readonly pack?: boolean;
  parseUri(uri: string): PeerAddress;
  has(fault: ClientFault): boolean;
  /** A Finish (or a Bootstrap-Pack) was accepted: the device registers to the server it was given. */
  finished(): void;
  log(line: string): void;
  /** How long to wait for Bootstrap-Finish after the request was accepted, ms (EXCHANGE_LIFETIME). */
  finishWithinMs?: number;
}

type State = 'idle' | 'waiting' | 'bootstrapping';

const retryDelaysMs = [1000, 2000, 4000, 8000, 16000, 30000];

export class BootstrapClient {
  private state: State = 'idle';
  private peer: PeerAddress | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retry = 0;
  private generation = 0;
  private readonly handler: BootstrapHandler;

  constructor(private readonly deps: BootstrapClientDeps) {
    this.handler = new BootstrapHandler(() => deps.store(), {
      version: deps.version,
      has: (f) => deps.has(f),
      log: (line) => deps.log(line),
      finished: () => this.finished(),
    });
  }

  /** Whether the device holds a bootstrap account to bootstrap from. */
  get possible(): boolean {
    return bootstrapAccount(this.deps.store()) !== undefined;
  }

  get active(): boolean {
    return this.state !== 'idle';
  }

  /** Starts a client-initiated bootstrap after the Client Hold Off Time; false without a bootstrap account. */
  begin(): boolean {
    const account = bootstrapAccount(this.deps.store());
    if (!account) {
      this.deps.log('no bootstrap account: cannot bootstrap');
      return false;
    }
    this.stop();
    this.retry = 0;
    const holdOff = this.deps.store().value(0, account.instance, 11);
    const holdOffMs = typeof holdOff === 'number' && holdOff > 0 ? holdOff * 1000 : 0;
    this.state = 'waiting';
    this.schedule(holdOffMs, () => void this.request());
    return true;
  }

  /** Forgets a bootstrap in progress (reboot, stop). */
  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.state = 'idle';
    this.peer = undefined;
  }

  /** Requests from the bootstrap server while bootstrapping belong to the Bootstrap interface. */
  owns(req: IncomingRequest): boolean {
    return this.state === 'bootstrapping' && this.peer !== undefined && req.peer.address === this.peer.address && req.peer.port === this.peer.port;
  }

  handle(req: IncomingRequest): ResponseSpec {
    return this.handler.handle(req);
  }

  private schedule(delayMs: number, action: () => void): void {
    clearTimeout(this.timer);
    const generation = this.generation;
    this.timer = setTimeout(() => {
      if (generation === this.generation) action();
    }, delayMs);
  }

  private async request(): Promise<void> {
    const account = bootstrapAccount(this.deps.store());
    if (!account) return;
    const generation = this.generation;
    let peer: PeerAddress;
    try {
      peer = this.deps.parseUri(account.uri);
    } catch (error) {
      this.deps.log(`bootstrap account URI unusable: ${(error as Error).message}`);
      return;
    }
    if (this.deps.pack) return this.requestPack(peer, account.uri, generation);
    // The bootstrap server may send its first write as soon as it has answered: accept it from now on.
    this.peer = peer;
    this.state = 'bootstrapping';
    this.deps.log(`bootstrap request to ${account.uri}`);
    try {
      const response = await this.deps.coap().request(peer, { method: 'POST', path: '/bs', query: [`ep=${this.deps.endpoint}`] });
      if (generation !== this.generation) return;
      if (response.code === '2.04') {
        this.retry = 0;
        this.schedule(this.deps.finishWithinMs ?? 247_000, () => {
          this.deps.log('no Bootstrap-Finish in time: bootstrapping again');
          void this.request();
        });
        return;
      }
      this.deps.log(`bootstrap request refused: ${response.code}`);
    } catch (error) {
      if (generation !== this.generation) return;
      this.deps.log(`bootstrap request failed: ${(error as Error).message}`);
    }
    this.retryLater();
  }

  private retryLater(): void {
    this.state = 'waiting';
    const delay = retryDelaysMs[Math.min(this.retry++, retryDelaysMs.length - 1)]!;
    this.schedule(delay, () => void this.request());
  }

  /** Bootstrap-Pack-Request: the whole configuration in one 2.05 answer, applied as it comes. */
  private async requestPack(peer: PeerAddress, uri: string, generation: number): Promise<void> {
    this.state = 'waiting';
    const query = this.deps.has('bootstrap-pack-without-endpoint') ? [] : [`ep=${this.deps.endpoint}`];
    this.deps.log(`bootstrap pack request to ${uri}`);
    try {
      const response = await this.deps.coap().request(peer, { method: 'GET', path: '/bspack', query, accept: SENML_CBOR });
      if (generation !== this.generation) return;
      if (response.code === '2.05') {
        if (this.deps.has('bootstrap-pack-not-applied')) {
          this.deps.log('bootstrap pack received; not applied');
          this.stop();
          return;
        }
        const problem = applyBootstrapPack(this.deps.store(), this.handler, response.payload, response.contentFormat);
        if (!problem) return this.finished();
        this.deps.log(`bootstrap pack unusable: ${problem}`);
      } else this.deps.log(`bootstrap pack request refused: ${response.code}`);
    } catch (error) {
      if (generation !== this.generation) return;
      this.deps.log(`bootstrap pack request failed: ${(error as Error).message}`);
    }
    this.retryLater();
  }

  private finished(): void {
    this.stop();
    this.deps.log('bootstrap finished');
    this.deps.finished();
  }
}
