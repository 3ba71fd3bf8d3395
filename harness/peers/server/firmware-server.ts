// Where a device pulls a firmware package from (Package URI /5/0/1): a CoAP endpoint on the
// harness's address serving one package block-wise (RFC 7959 Block2, with Size2 and an ETag in
// every block), recording each block request the device makes. Told to, it stops serving mid
// package: from a given block on, requests are taken and never answered (traced as dropped),
// which is a lost connection as the device sees it (int-775).
import { createHash } from 'node:crypto';
import { CoapEndpoint } from '../../coap/endpoint.ts';
import { block2, uriPath } from '../../coap/message.ts';
import { OptionNumber } from '../../coap/options.ts';
import type { CoapMessage } from '../../coap/message.ts';
import type { DatagramRecord, TraceRecorder } from '../../coap/trace.ts';
import { EventLog } from '../event-log.ts';
import type { WaitClock } from '../wait-clock.ts';

export interface PackageRequest {
  readonly seq: number;
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  /** The Block2 option the device sent (absent: a plain GET, which is answered with block 0). */
  readonly block?: { readonly num: number; readonly size: number };
  readonly messageId: number;
  /** An earlier datagram carried the same message id. */
  readonly retransmission: boolean;
  /** Not answered: the server had stopped serving. */
  readonly dropped: boolean;
}

export interface FirmwareServerOptions {
  address: string;
  trace: TraceRecorder;
  clock?: WaitClock;
  /** The package's bytes, and the path it is served at (e.g. '/fw/valid.fw'). */
  body: Buffer;
  path: string;
  /** Stop serving from this block number on (a lost connection); absent: serve it all. */
  stopAtBlock?: number;
}

const name = 'firmware server';

export class FirmwareServer {
  readonly requests = new EventLog<PackageRequest>();
  /** The ETag every block carries: the first 8 bytes of the package's SHA-256. */
  readonly etag: Buffer;

  private constructor(
    private readonly endpoint: CoapEndpoint,
    private readonly options: FirmwareServerOptions,
    private readonly unsubscribe: () => void,
    etag: Buffer,
  ) {
    this.etag = etag;
  }

  static async start(options: FirmwareServerOptions): Promise<FirmwareServer> {
    const etag = createHash('sha256').update(options.body).digest().subarray(0, 8);
    const blockOf = (m: CoapMessage | undefined) => (m ? block2(m) : undefined);
    const stopped = (m: CoapMessage | undefined) => options.stopAtBlock !== undefined && m !== undefined && uriPath(m) === options.path && (blockOf(m)?.num ?? 0) >= options.stopAtBlock;
    const endpoint = await CoapEndpoint.bind({ address: options.address, port: 0, trace: options.trace, name, dropIncoming: (d) => stopped(d.message) });
    endpoint.onRequest((req) => {
      if (req.method !== 'GET' || req.path !== options.path) return { code: '4.04' };
      return { code: '2.05', payload: options.body, contentFormat: 42, options: [{ number: OptionNumber.ETag, value: etag }] };
    });
    const seen = new Set<number>();
    let server: FirmwareServer | undefined;
    const unsubscribe = options.trace.onRecord((r: DatagramRecord) => {
      const m = r.message;
      if (r.endpoint !== name || r.direction !== 'in' || r.local.port !== endpoint.local.port || !m || !m.code.startsWith('0.') || m.code === '0.00') return;
      const block = blockOf(m);
      server?.requests.append({
        seq: r.seq,
        atMs: r.atMs,
        method: m.code === '0.01' ? 'GET' : m.code,
        path: uriPath(m),
        ...(block ? { block: { num: block.num, size: block.size } } : {}),
        messageId: m.messageId,
        retransmission: seen.has(m.messageId),
        dropped: r.dropped === true,
      });
      seen.add(m.messageId);
    });
    server = new FirmwareServer(endpoint, options, unsubscribe, etag);
    return server;
  }

  /** The Package URI to write to /5/0/1. */
  get uri(): string {
    return this.uriOf(this.options.path);
  }

  /** A URI on this server naming another path (one it does not serve: int-778). */
  uriOf(path: string): string {
    const { port } = this.endpoint.local;
    // Bound to every address (0.0.0.0, ::): the device reaches it on loopback.
    const address = this.endpoint.local.address === '0.0.0.0' ? '127.0.0.1' : this.endpoint.local.address === '::' ? '::1' : this.endpoint.local.address;
    return `coap://${address.includes(':') ? `[${address}]` : address}:${port}${path}`;
  }

  /** Waits for a request after `since` (counted as time spent on the device). */
  async waitFor(options: { since: number; within: number; signal?: AbortSignal; where?: (r: PackageRequest) => boolean }): Promise<PackageRequest | undefined> {
    this.options.clock?.begin();
    try {
      return await this.requests.waitFor(options);
    } finally {
      this.options.clock?.end();
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.endpoint.close();
  }
}
