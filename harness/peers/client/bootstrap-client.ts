// When and how the reference device bootstraps (Core §6.1.2, §6.1.3): a client-initiated
// Bootstrap-Request (POST /bs?ep=…) to the bootstrap account's URI after its Client Hold Off
// Time (/0/x/11), retried with back-off while the bootstrap server does not answer 2.04; the
// bootstrap server's requests are then answered by the BootstrapHandler until a Finish is
// accepted, or until EXCHANGE_LIFETIME passes without one (the device then asks again).
import type { CoapEndpoint, IncomingRequest, ResponseSpec } from '../../coap/endpoint.ts';
import type { PeerAddress } from '../../coap/trace.ts';
import { bootstrapAccount } from './accounts.ts';
import { BootstrapHandler } from './bootstrap-handler.ts';
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';

export interface BootstrapClientDeps {
  coap(): CoapEndpoint;
  store(): ObjectStore;
  readonly endpoint: string;
  readonly version: '1.0' | '1.1' | '1.2';
  parseUri(uri: string): PeerAddress;
  has(fault: ClientFault): boolean;
  /** A Finish was accepted: the device registers to the server it was given. */
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
    this.state = 'waiting';
    const delay = retryDelaysMs[Math.min(this.retry++, retryDelaysMs.length - 1)]!;
    this.schedule(delay, () => void this.request());
  }

  private finished(): void {
    this.stop();
    this.deps.log('bootstrap finished');
    this.deps.finished();
  }
}
