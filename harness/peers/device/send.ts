// The Send operation of the simulated device (Core §6.4.6, LwM2M 1.1): POST /dp with the values
// of configured paths in SenML CBOR, held back while Mute Send (/1/x/23) is true. Sends on demand
// (the `send` stdin command) or periodically (`--send-every`).
import type { CoapEndpoint, PeerAddress } from '../../coap/endpoint.ts';
import type { LwM2mNode } from '../../lwm2m/node.ts';
import { pathIds } from '../../lwm2m/path.ts';
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';
import { encodeComposite, SENML_CBOR } from './representation.ts';
import type { DeviceAccount } from './accounts.ts';

export interface SendDeps {
  coap(): CoapEndpoint;
  /** Where the device's LwM2M server is now (bootstrap may change it). */
  server(): PeerAddress;
  store(): ObjectStore;
  /** The server account in use: its Server and Security instances. */
  account(): DeviceAccount;
  registered(): boolean;
  has(fault: ClientFault): boolean;
  log(line: string): void;
}

export class Sender {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SendDeps) {}

  get muted(): boolean {
    return this.deps.store().value(1, this.deps.account().serverInstance, 23) === true;
  }

  /** Sends the values under `paths` once; resolves with the response code, or why nothing was sent. */
  async send(paths: readonly string[]): Promise<string> {
    if (!this.deps.registered()) return 'not registered';
    if (this.muted && !this.deps.has('ignore-mute-send')) {
      this.deps.log(`send muted (/1/${this.deps.account().serverInstance}/23 is true)`);
      return 'muted';
    }
    const store = this.deps.store();
    const nodes: LwM2mNode[] = paths.flatMap((p) => store.read(pathIds(p)) ?? []);
    if (this.deps.has('send-includes-security')) {
      const security = this.deps.account().securityInstance;
      nodes.push({ path: `/0/${security}/10`, type: 'integer', value: store.value(0, security, 10) as number });
    }
    const payload = encodeComposite(nodes, SENML_CBOR, store.model);
    try {
      const response = await this.deps.coap().request(this.deps.server(), {
        method: 'POST',
        path: '/dp',
        payload,
        ...(this.deps.has('send-without-content-format') ? {} : { contentFormat: SENML_CBOR }),
      });
      this.deps.log(`send ${paths.join(' ')}: ${response.code}`);
      return response.code;
    } catch (error) {
      this.deps.log(`send failed: ${(error as Error).message}`);
      return 'failed';
    }
  }

  /** Sends every `periodS` seconds while the device runs. */
  every(periodS: number, paths: readonly string[]): void {
    this.stop();
    this.timer = setInterval(() => void this.send(paths), periodS * 1000);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
