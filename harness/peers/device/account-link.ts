// One connection per account, as a real device has: the bootstrap account's and the server
// account's CoAP endpoints are separate, each plain or DTLS as its Security instance says
// (Core Appendix E.1: /0/x/2 Security Mode, /0/x/3 identity or certificate, /0/x/4 the server's
// certificate or its root, /0/x/5 secret key, /0/x/14 SNI). A link opens on first use, stays
// while its account's settings are unchanged, and opens anew when they change (a new
// bootstrap) or its DTLS session ended (reboot, close_notify).
import { createHash } from 'node:crypto';
import { CoapEndpoint, type Block1Listener, type EndpointSecurity, type IncomingRequest, type ResponseSpec } from '../../coap/endpoint.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../../coap/trace.ts';
import { dtlsClientOptions, parseServerLocation, type DeviceSecurity, type ServerLocation } from './client-security.ts';
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';

/** How to reach one account: where, and with which credentials (none: plain CoAP). */
export interface AccountTransport {
  readonly uri: string;
  readonly location: ServerLocation;
  readonly security?: DeviceSecurity;
  /** Tells settings apart without holding key material. */
  readonly fingerprint: string;
}

const PSK = 0;
const CERTIFICATE = 2;

const bytesOf = (v: unknown): Buffer => (v instanceof Uint8Array ? Buffer.from(v) : Buffer.alloc(0));

/**
 * The transport of the account in Security instance `instance`. Credentials come from the
 * instance (PSK: /3 and /5; certificate: /3, /4, /5 in DER, /14 the name to expect); a coaps://
 * account that holds none (the factory account) uses the ones the device was started with.
 */
export function accountTransport(store: ObjectStore, instance: number, started: DeviceSecurity | undefined, has: (fault: ClientFault) => boolean): AccountTransport {
  const uri = String(store.value(0, instance, 0) ?? '');
  const location = parseServerLocation(uri);
  const mode = store.value(0, instance, 2);
  const identity = bytesOf(store.value(0, instance, 3));
  const serverKey = bytesOf(store.value(0, instance, 4));
  const secret = bytesOf(store.value(0, instance, 5));
  const hash = createHash('sha256').update(identity).update(serverKey).update(secret).digest('hex').slice(0, 16);
  const fingerprint = `${uri} mode ${String(mode)} ${hash}`;
  if (!location.secure || has('bootstrap-security-ignored')) return { uri, location: { ...location, secure: false }, fingerprint: `${fingerprint} plain` };
  if (mode === PSK && identity.length > 0 && secret.length > 0) {
    // The identity is the bytes written; the hex-identity fault is the mix-up of PITFALLS IF-08.
    const sent = has('bootstrap-psk-identity-hex') ? Buffer.from(identity.toString('hex')) : identity;
    return { uri, location, security: { psk: { identity: sent.toString('utf8'), key: secret } }, fingerprint };
  }
  if (mode === CERTIFICATE && identity.length > 0 && secret.length > 0) {
    if (has('bootstrap-der-unsupported') && identity[0] !== 0x2d) throw new Error(`the certificate in /0/${instance}/3 is not PEM`);
    const sni = store.value(0, instance, 14);
    return {
      uri,
      location,
      security: {
        certificate: { cert: identity, key: secret, ...(serverKey.length > 0 ? { ca: serverKey } : {}) },
        ...(typeof sni === 'string' && sni !== '' ? { serverName: sni } : {}),
      },
      fingerprint,
    };
  }
  if (!started) throw new Error(`${uri} needs DTLS credentials (PSK or certificate), and /0/${instance} holds none`);
  return { uri, location, security: started, fingerprint: `${fingerprint} started` };
}

export interface AccountLinkDeps {
  /** Local address to bind; default: loopback of the server's family. */
  bindAddress?: string;
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
  has(fault: ClientFault): boolean;
  log(line: string): void;
  /** Requests the account's server sends to the device. */
  handle(req: IncomingRequest): ResponseSpec;
  /** A Block1 block the endpoint answered 2.31 (a pushed firmware package under way). */
  block1?: Block1Listener;
  /** Every datagram the link sends or receives, by its size (Connectivity Statistics). */
  traffic?(direction: 'tx' | 'rx', bytes: number): void;
}

/** The device's connection to one account. */
export class AccountLink {
  private endpoint: CoapEndpoint | undefined;
  private fingerprint: string | undefined;
  /** DTLS: the session is closed or lost (reboot); the next use handshakes anew. */
  private stale = false;
  private secure = false;
  private opening: Promise<CoapEndpoint> | undefined;

  constructor(
    private readonly name: string,
    private readonly deps: AccountLinkDeps,
  ) {}

  /** The open endpoint, if any. */
  get current(): CoapEndpoint | undefined {
    return this.endpoint;
  }

  /** The endpoint towards the account, opened (with a handshake for coaps://) when needed. */
  open(transport: AccountTransport): Promise<CoapEndpoint> {
    if (this.endpoint && this.fingerprint === transport.fingerprint && !this.stale) return Promise.resolve(this.endpoint);
    this.opening ??= (async () => {
      try {
        await this.endpoint?.close();
        this.endpoint = undefined;
        this.endpoint = await this.connect(transport);
        this.fingerprint = transport.fingerprint;
        return this.endpoint;
      } finally {
        this.opening = undefined;
      }
    })();
    return this.opening;
  }

  /** A reboot: a DTLS session does not survive it (a plain socket may stay bound). */
  lost(): void {
    if (this.secure) this.stale = true;
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    await this.endpoint?.close();
    this.endpoint = undefined;
  }

  private async connect(transport: AccountTransport): Promise<CoapEndpoint> {
    const peer: PeerAddress = transport.location.peer;
    const address = this.deps.bindAddress ?? (peer.address.includes(':') ? '::1' : '127.0.0.1');
    const traffic = this.deps.traffic;
    const bind = (security?: EndpointSecurity) => CoapEndpoint.bind({
      address,
      port: 0,
      // Taps that drop nothing: they only count.
      ...(traffic ? { dropOutgoing: (d: { bytes: Buffer }) => (traffic('tx', d.bytes.length), false), dropIncoming: (d: { bytes: Buffer }) => (traffic('rx', d.bytes.length), false) } : {}),
      ...(security ? { security } : {}),
      ...(this.deps.params ? { params: this.deps.params } : {}),
      ...(this.deps.trace ? { trace: this.deps.trace } : {}),
      name: this.name,
    });
    let endpoint: CoapEndpoint | undefined;
    if (transport.location.secure) {
      try {
        endpoint = await bind(dtlsClientOptions(transport.security!, transport.location, (f) => this.deps.has(f)));
      } catch (error) {
        if (!this.deps.has('nosec-fallback')) throw error;
        this.deps.log(`DTLS handshake failed (${(error as Error).message}); falling back to plain CoAP`);
      }
      endpoint?.dtlsClient?.onClose((why) => {
        this.stale = true;
        this.deps.log(`DTLS session closed: ${why}`);
      });
    }
    this.stale = false;
    this.secure = endpoint !== undefined;
    endpoint ??= await bind();
    endpoint.onRequest((req) => this.deps.handle(req));
    if (this.deps.block1) endpoint.onBlock1(this.deps.block1);
    return endpoint;
  }
}
