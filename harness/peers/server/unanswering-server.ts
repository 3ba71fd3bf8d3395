// A server account that never answers (ETS int-7's "non-existent server"): a CoAP endpoint on
// the harness's address that takes every datagram and answers none, so that a client's
// registration fails while the case still sees each Register attempt (and its retransmissions)
// arrive, traced as dropped.
import { CoapEndpoint } from '../../coap/endpoint.ts';
import { uriPath, uriQuery } from '../../coap/message.ts';
import type { DatagramRecord, TraceRecorder } from '../../coap/trace.ts';
import { EventLog } from '../event-log.ts';
import type { WaitClock } from '../wait-clock.ts';

export interface UnansweredRequest {
  readonly seq: number;
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  readonly query: readonly string[];
  /** Retransmissions of one request share its message id (RFC 7252 §4.2). */
  readonly messageId: number;
  /** Whether an earlier datagram carried the same message id (a retransmission). */
  readonly retransmission: boolean;
}

const methods: Record<string, string> = { '0.01': 'GET', '0.02': 'POST', '0.03': 'PUT', '0.04': 'DELETE', '0.05': 'FETCH', '0.06': 'PATCH', '0.07': 'iPATCH' };

export class UnansweringServer {
  readonly requests = new EventLog<UnansweredRequest>();

  private constructor(
    private readonly endpoint: CoapEndpoint,
    private readonly unsubscribe: () => void,
    private readonly clock: WaitClock | undefined,
  ) {}

  /** Waits for a request after `since` (counted as time spent on the client). */
  async waitFor(options: { since: number; within: number; signal?: AbortSignal; where?: (r: UnansweredRequest) => boolean }): Promise<UnansweredRequest | undefined> {
    this.clock?.begin();
    try {
      return await this.requests.waitFor(options);
    } finally {
      this.clock?.end();
    }
  }

  static async start(options: { address: string; trace: TraceRecorder; clock?: WaitClock }): Promise<UnansweringServer> {
    const name = 'unanswering server';
    const endpoint = await CoapEndpoint.bind({ address: options.address, port: 0, trace: options.trace, name, dropIncoming: () => true });
    const seen = new Set<number>();
    let server: UnansweringServer | undefined;
    const unsubscribe = options.trace.onRecord((r: DatagramRecord) => {
      const m = r.message;
      if (r.endpoint !== name || r.direction !== 'in' || r.local.port !== endpoint.local.port || !m || !(m.code in methods)) return;
      server?.requests.append({
        seq: r.seq,
        atMs: r.atMs,
        method: methods[m.code]!,
        path: uriPath(m),
        query: uriQuery(m),
        messageId: m.messageId,
        retransmission: seen.has(m.messageId),
      });
      seen.add(m.messageId);
    });
    server = new UnansweringServer(endpoint, unsubscribe, options.clock);
    return server;
  }

  get uri(): string {
    const { address, port } = this.endpoint.local;
    return `coap://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  /** Distinct requests (retransmissions left out) of a method and path, in order. */
  attempts(method: string, path: string): UnansweredRequest[] {
    return this.requests.all().filter((r) => !r.retransmission && r.method === method && r.path === path);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.endpoint.close();
  }
}
