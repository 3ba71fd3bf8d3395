// One CoAP endpoint per harness peer: owns one datagram transport (a UDP socket, or a DTLS layer
// over one, as its security options say) and carries requests and responses in both directions
// over it (RFC 7252 message layer with retransmission, deduplication, separate responses;
// RFC 7641 Observe; RFC 7959 block-wise), recording every datagram in a trace.
import { randomBytes } from 'node:crypto';
import { Block1Assembler, sliceBlock } from './blockwise.ts';
import { ExpiringMap } from './dedup.ts';
import { repeatsFirst, type DedupEntry } from './dedup.ts';
import { exchangeKey } from '../transport/peer-keys.ts';
import {
  CoapBlockwiseError,
  CoapBusyError,
  CoapClosedError,
  CoapResetError,
  CoapTimeoutError,
} from './errors.ts';
import {
  accept as acceptOf,
  asEncoded,
  block1 as block1Of,
  block2 as block2Of,
  codeByte,
  codeClass,
  contentFormat as contentFormatOf,
  decodeMessage,
  encodeMessage,
  locationPath as locationPathOf,
  methodCode,
  methodOfCode,
  observe as observeOf,
  optionValue,
  pathSegments,
  size1 as size1Of,
  uriPath,
  uriQuery,
} from './message.ts';
import type { CoapMessage, CoapOption, DecodeResult } from './message.ts';
import { Observation, ObserveRelation, nextObserveNumber } from './observe.ts';
import type { ObservationTransport, RelationTransport } from './observe.ts';
import { OptionNumber, decodeBlock, encodeBlock, encodeUint, isCritical, sizeOfSzx, szxOfSize } from './options.ts';
import { TraceRecorder } from './trace.ts';
import type { DatagramRecord, NewDatagramRecord, PeerAddress } from './trace.ts';
import { initialTimeoutMs, resolveParams } from './transmission.ts';
import type { TransmissionParams } from './transmission.ts';
import { DtlsClientTransport, DtlsServerTransport, JsDtlsClientTransport, openTransport } from './transport.ts';
import type { DtlsClient, DatagramImpairment, DatagramMark, DatagramTransport, EndpointSecurity, ImpairmentEvent, ImpairmentKind } from './transport.ts';
import type { CoapResponse, IncomingRequest, NotifyOutcome, RequestSpec, ResponseSpec } from './types.ts';

export { rfc7252Defaults } from './transmission.ts';
export type { TransmissionParams } from './transmission.ts';
export type { PeerAddress } from './trace.ts';
export type { CoapResponse, IncomingRequest, RequestSpec, ResponseSpec } from './types.ts';
export type { DatagramImpairment, EndpointSecurity } from './transport.ts';

export type RequestHandler = (req: IncomingRequest) => ResponseSpec | Promise<ResponseSpec>;

/**
 * A block of a Block1 request body arrived and was answered 2.31 Continue; the handler sees the
 * body only when it is complete, and a device that must act as a transfer starts (a firmware
 * package: State Downloading) listens here.
 */
export type Block1Listener = (block: { peer: PeerAddress; method: string; path: string; num: number; size: number; size1?: number }) => void;

export interface EndpointLimits {
  /** Requests in flight or queued (NSTART) from this endpoint; beyond it request() rejects with CoapBusyError. */
  maxPendingRequests: number;
  /** Remembered (peer, MID) pairs for deduplication. */
  maxDedupEntries: number;
  /** Largest body reassembled from Block1 or Block2; larger Block1 bodies get 4.13. */
  maxBodyBytes: number;
  /** Cached Block2 representations and Block1 transfers in progress. */
  maxBlockTransfers: number;
  /** Server-side observation relations; beyond it a registration is answered without Observe. */
  maxRelations: number;
}

export const defaultLimits: EndpointLimits = Object.freeze({
  maxPendingRequests: 256,
  maxDedupEntries: 10_000,
  maxBodyBytes: 1 << 20,
  maxBlockTransfers: 256,
  maxRelations: 1024,
});

/** Fault injection for tests: return true to drop the datagram (it is still traced, as dropped). */
export type DatagramFilter = (d: { bytes: Buffer; remote: PeerAddress; message?: CoapMessage }) => boolean;

export interface BindOptions {
  /** Default '127.0.0.1'; IPv6 addresses such as '::1' bind a udp6 socket. */
  address?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  params?: Partial<TransmissionParams>;
  /** Default: a recorder of its own. */
  trace?: TraceRecorder;
  /** Names this endpoint in trace records. */
  name?: string;
  limits?: Partial<EndpointLimits>;
  /** Critical option numbers the handler understands, beyond the ones the endpoint knows. */
  understoodOptions?: number[];
  dropOutgoing?: DatagramFilter;
  dropIncoming?: DatagramFilter;
  /** DTLS instead of plain UDP: a client session with one server (handshake done in bind()), or a server taking sessions. */
  security?: EndpointSecurity;
  /** A transport built elsewhere (tests that drive a DTLS transport directly); the endpoint owns it and closes it. */
  transport?: DatagramTransport;
  /** Network impairment between this endpoint and its peers (beneath DTLS); what it does is marked in the trace. */
  impairment?: DatagramImpairment;
}

/** A received message with the trace sequence number of its datagram. */
interface Received {
  message: CoapMessage;
  seq: number;
}

/** Critical options a request may carry without being refused with 4.02. */
const understoodRequestOptions = new Set<number>([
  OptionNumber.IfMatch, OptionNumber.UriHost, OptionNumber.IfNoneMatch, OptionNumber.UriPort,
  OptionNumber.UriPath, OptionNumber.UriQuery, OptionNumber.Accept, OptionNumber.Block2,
  OptionNumber.Block1, OptionNumber.ProxyUri, OptionNumber.ProxyScheme,
]);

const EMPTY = Buffer.alloc(0);

interface OutgoingCon {
  peer: PeerAddress;
  bytes: Buffer;
  token: Buffer;
  describe: string;
  retransmissions: number;
  timeoutMs: number;
  startedAt: number;
  timer?: NodeJS.Timeout;
  resolve(ack: Received | 'superseded'): void;
  reject(err: Error): void;
}

interface PendingRequest {
  describe: string;
  settled: boolean;
  complete(response: Received): void;
  fail(err: Error): void;
}

interface ServerExchange {
  peer: PeerAddress;
  request: CoapMessage;
  dedupKey: string;
  acked: boolean;
  timer?: NodeJS.Timeout;
}

interface Representation {
  code: string;
  options: CoapOption[];
  payload: Buffer;
}

interface Slot {
  active: number;
  queue: Array<{ resolve(): void; reject(err: Error): void }>;
}

function peerKey(p: PeerAddress): string {
  return `${p.address}|${p.port}`;
}

/** The key of a block transfer: one resource, as one peer asked for it. Made only by requests that take part in one. */
function resourceKeyOf(peer: PeerAddress, path: string, query: readonly string[], accept: number | undefined): string {
  return `${peerKey(peer)}|${path}?${query.join('&')}|${accept ?? ''}`;
}

/** Trace fields of a datagram the impairment layer acted on. */
function impairmentFields(kind: ImpairmentKind | undefined, delayMs?: number): Partial<DatagramRecord> {
  if (kind === undefined) return {};
  return { impairment: kind, ...(kind === 'dropped' ? { dropped: true } : {}), ...(delayMs !== undefined ? { impairmentDelayMs: delayMs } : {}) };
}

function toBuffer(payload: Buffer | string | undefined): Buffer {
  if (payload === undefined) return EMPTY;
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}

export class CoapEndpoint {
  readonly local: PeerAddress;
  readonly name: string;
  readonly trace: TraceRecorder;
  readonly params: TransmissionParams;
  readonly limits: EndpointLimits;

  private handler?: RequestHandler;
  private block1Listener?: Block1Listener;
  private closed = false;
  private readonly firstMid = Math.floor(Math.random() * 0x10000);
  private nextMid = this.firstMid;
  private observeSeq = 2;
  private pendingCount = 0;
  private readonly outgoing = new Map<string, OutgoingCon>(); // peer|mid
  private readonly pending = new Map<string, PendingRequest>(); // peer#token
  private readonly observations = new Map<string, Observation>(); // peer#token
  private readonly relations = new Map<string, ObserveRelation>(); // peer#token
  /** Observations someone watches on the wire, by token alone (their messages from any address). */
  private readonly watched = new Map<string, Observation>(); // token
  private readonly dedup: ExpiringMap<DedupEntry>;
  /** NON messages sent that a RST may answer (matched by MID). */
  private readonly nonSent: ExpiringMap<() => void>;
  private readonly block1: Block1Assembler;
  private readonly block2Cache: ExpiringMap<Representation>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly slots = new Map<string, Slot>();
  private readonly understood: Set<number>;
  private readonly errorListeners = new Set<(err: unknown) => void>();
  private readonly dropOutgoing?: DatagramFilter;
  private readonly dropIncoming?: DatagramFilter;
  /** While a datagram is handed to a plain transport: what the impairment layer decided for it. */
  private outgoingImpairments?: ImpairmentEvent[];
  /** An impairment layer lies beneath: each datagram handed over may come back marked. */
  private impaired = false;

  private constructor(private readonly transport: DatagramTransport, opts: BindOptions & { trace: TraceRecorder }) {
    this.local = { ...transport.local };
    this.name = opts.name ?? `coap@${this.local.address}:${this.local.port}`;
    this.trace = opts.trace;
    transport.useTrace?.(this.trace, this.name);
    transport.onUnprotected?.((bytes, peer) => this.recordUnprotected(bytes, peer));
    this.params = resolveParams(opts.params);
    this.limits = { ...defaultLimits, ...opts.limits };
    this.dedup = new ExpiringMap<DedupEntry>(this.limits.maxDedupEntries);
    this.nonSent = new ExpiringMap<() => void>(this.limits.maxDedupEntries);
    const szx = szxOfSize(this.params.blockSize);
    this.block1 = new Block1Assembler(this.limits.maxBodyBytes, szx, this.params.exchangeLifetimeMs, this.limits.maxBlockTransfers);
    this.block2Cache = new ExpiringMap<Representation>(this.limits.maxBlockTransfers);
    this.understood = new Set([...understoodRequestOptions, ...(opts.understoodOptions ?? [])]);
    if (opts.dropOutgoing) this.dropOutgoing = opts.dropOutgoing;
    if (opts.dropIncoming) this.dropIncoming = opts.dropIncoming;
    if (transport.onImpairment) {
      this.impaired = true;
      transport.onImpairment((e) => this.recordImpairment(e));
    }
    transport.onDatagram((bytes, peer, mark) => {
      try {
        this.onDatagram(bytes, { ...peer }, mark);
      } catch (err) {
        this.reportError(err);
      }
    });
    transport.onError((err) => this.reportError(err));
  }

  /**
   * Binds the endpoint's transport: UDP, or DTLS when `security` is given (a client completes its
   * handshake first and rejects with DtlsHandshakeError when it fails).
   */
  static async bind(opts: BindOptions = {}): Promise<CoapEndpoint> {
    const trace = opts.trace ?? new TraceRecorder();
    const transport = opts.transport ?? (await openTransport(opts, trace));
    return new CoapEndpoint(transport, { ...opts, trace });
  }

  /** The DTLS server layer (sessions, credentials) when bound with server security. */
  get dtlsServer(): DtlsServerTransport | undefined {
    return this.transport instanceof DtlsServerTransport ? this.transport : undefined;
  }

  /** The DTLS client session when bound with client security (on the addon or the JavaScript client). */
  get dtlsClient(): DtlsClient | undefined {
    return this.transport instanceof DtlsClientTransport || this.transport instanceof JsDtlsClientTransport ? this.transport : undefined;
  }

  /** The single request handler; without one every request gets 4.04. */
  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  /** Told of each Block1 block answered 2.31 Continue (not the last, which reaches the handler). */
  onBlock1(listener: Block1Listener): void {
    this.block1Listener = listener;
  }

  /** Internal faults (socket errors, handler bugs surfacing outside a request); returns an unsubscribe. */
  onError(cb: (err: unknown) => void): () => void {
    this.errorListeners.add(cb);
    return () => this.errorListeners.delete(cb);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Active server-side observation relations (those this endpoint notifies). */
  activeRelations(): ObserveRelation[] {
    return [...this.relations.values()];
  }

  newToken(): Buffer {
    return randomBytes(8);
  }

  /** Starts the Message IDs over from where this endpoint began: a device that forgets them across a reboot (a fault). */
  restartMessageIds(): void {
    this.nextMid = this.firstMid;
  }

  allocateMessageId(): number {
    this.nextMid = (this.nextMid + 1) & 0xffff;
    return this.nextMid;
  }

  // ---- client side ---------------------------------------------------------------------------

  async request(peer: PeerAddress, spec: RequestSpec): Promise<CoapResponse> {
    const describe = `${spec.confirmable === false ? 'NON' : 'CON'} ${spec.method} ${spec.path}`;
    if (this.closed) throw new CoapClosedError(describe);
    if (this.pendingCount >= this.limits.maxPendingRequests) {
      throw new CoapBusyError(describe, this.limits.maxPendingRequests);
    }
    this.pendingCount++;
    try {
      const payload = toBuffer(spec.payload);
      const token = spec.token ?? this.newToken();
      if (!spec.noBlockwise && payload.length > this.params.blockSize) {
        return await this.requestBlock1(peer, spec, payload, token, describe);
      }
      const response = await this.exchange(peer, this.buildRequest(spec, token, payload, []), describe);
      return await this.completeResponse(peer, spec, response, describe);
    } finally {
      this.pendingCount--;
    }
  }

  /** GET (or spec.method) with Observe=0; later notifications arrive on the Observation. */
  async observe(peer: PeerAddress, spec: Omit<RequestSpec, 'method' | 'observe'> & { method?: 'GET' | 'FETCH' }): Promise<Observation> {
    const token = spec.token ?? this.newToken();
    const request: RequestSpec = { ...spec, method: spec.method ?? 'GET', observe: 0, token };
    const key = this.tokenKey(peer, token);
    const obs = new Observation(peer, token, request, this.observationTransport);
    this.observations.set(key, obs);
    try {
      const first = await this.request(peer, request);
      obs.establish(first, performance.now());
    } catch (err) {
      obs.end('not-established');
      throw err;
    }
    return obs;
  }

  /** Sends bytes as they are (crafted or malformed datagrams); still traced. */
  async sendRaw(peer: PeerAddress, bytes: Buffer): Promise<void> {
    await this.transmitAsync(peer, bytes);
  }

  /** Sends one message exactly as given (type, MID, token): no retransmission, no matching. */
  async sendMessage(peer: PeerAddress, message: CoapMessage): Promise<void> {
    await this.transmitAsync(peer, encodeMessage(message));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const [key, o] of this.outgoing) {
      this.outgoing.delete(key);
      o.reject(new CoapClosedError(o.describe));
    }
    for (const p of [...this.pending.values()]) p.fail(new CoapClosedError(p.describe));
    for (const slot of this.slots.values()) for (const w of slot.queue.splice(0)) w.reject(new CoapClosedError('request'));
    this.slots.clear();
    for (const obs of [...this.observations.values()]) obs.end('closed');
    for (const rel of [...this.relations.values()]) rel.end('closed');
    this.watched.clear();
    this.dedup.clear();
    this.nonSent.clear();
    this.block1.clear();
    this.block2Cache.clear();
    await this.transport.close();
  }

  private buildRequest(spec: RequestSpec, token: Buffer, payload: Buffer, extra: CoapOption[]): CoapMessage {
    const options: CoapOption[] = [];
    for (const s of pathSegments(spec.path)) options.push({ number: OptionNumber.UriPath, value: Buffer.from(s, 'utf8') });
    for (const q of spec.query ?? []) options.push({ number: OptionNumber.UriQuery, value: Buffer.from(q, 'utf8') });
    if (spec.contentFormat !== undefined) options.push({ number: OptionNumber.ContentFormat, value: encodeUint(spec.contentFormat) });
    if (spec.accept !== undefined) options.push({ number: OptionNumber.Accept, value: encodeUint(spec.accept) });
    if (spec.observe !== undefined) options.push({ number: OptionNumber.Observe, value: encodeUint(spec.observe) });
    options.push(...(spec.options ?? []), ...extra);
    options.sort((a, b) => a.number - b.number);
    return {
      type: spec.confirmable === false ? 'NON' : 'CON',
      code: methodCode(spec.method),
      messageId: this.allocateMessageId(),
      token,
      options,
      payload,
    };
  }

  private toResponse(peer: PeerAddress, msg: CoapMessage, payload: Buffer, seq: number): CoapResponse {
    const r: CoapResponse = { peer, message: msg, seq, code: msg.code, payload, locationPath: locationPathOf(msg) };
    const cf = contentFormatOf(msg);
    if (cf !== undefined) r.contentFormat = cf;
    const obs = observeOf(msg);
    if (obs !== undefined) r.observe = obs;
    return r;
  }

  /** Follows Block2 when the response is the first of several blocks. */
  private async completeResponse(peer: PeerAddress, spec: RequestSpec, first: Received, describe: string): Promise<CoapResponse> {
    const b = block2Of(first.message);
    if (spec.noBlockwise || !b || !b.more) return this.toResponse(peer, first.message, first.message.payload, first.seq);
    return this.toResponse(peer, first.message, await this.followBlock2(peer, spec, first.message, describe), first.seq);
  }

  private async followBlock2(peer: PeerAddress, spec: RequestSpec, first: CoapMessage, describe: string): Promise<Buffer> {
    let b = block2Of(first)!;
    if (b.num !== 0) throw new CoapBlockwiseError(describe, `first response carries Block2 #${b.num}`);
    const chunks = [first.payload];
    let length = first.payload.length;
    const followSpec: RequestSpec = { ...spec, method: spec.method };
    delete followSpec.observe;
    const options = (spec.options ?? []).filter((o) => o.number !== OptionNumber.Block1 && o.number !== OptionNumber.Block2);
    followSpec.options = options;
    const followPayload = spec.method === 'FETCH' ? toBuffer(spec.payload) : EMPTY;
    while (b.more) {
      if (length > this.limits.maxBodyBytes) throw new CoapBlockwiseError(describe, `body exceeds ${this.limits.maxBodyBytes} bytes`);
      if (length % b.size !== 0) throw new CoapBlockwiseError(describe, `received ${length} bytes, not a multiple of block size ${b.size}`);
      const num = length / b.size;
      const msg = this.buildRequest(followSpec, this.newToken(), followPayload, [
        { number: OptionNumber.Block2, value: encodeBlock({ num, more: false, szx: b.szx }) },
      ]);
      const { message: r } = await this.exchange(peer, msg, `${describe} (Block2 #${num})`);
      if (!r.code.startsWith('2.')) throw new CoapBlockwiseError(describe, `Block2 #${num} answered ${r.code}`);
      const rb = block2Of(r);
      if (!rb) throw new CoapBlockwiseError(describe, `Block2 #${num} answered without a Block2 option`);
      if (rb.num * rb.size !== length) {
        throw new CoapBlockwiseError(describe, `asked for offset ${length}, got Block2 #${rb.num} of size ${rb.size}`);
      }
      chunks.push(r.payload);
      length += r.payload.length;
      b = rb;
    }
    return Buffer.concat(chunks);
  }

  private async requestBlock1(peer: PeerAddress, spec: RequestSpec, payload: Buffer, token: Buffer, describe: string): Promise<CoapResponse> {
    let szx = szxOfSize(this.params.blockSize);
    let offset = 0;
    for (let exchanges = 0; ; exchanges++) {
      if (exchanges > payload.length / 16 + 16) throw new CoapBlockwiseError(describe, 'too many Block1 exchanges');
      const size = 16 << szx;
      const num = offset / size;
      const chunk = payload.subarray(offset, offset + size);
      const more = offset + chunk.length < payload.length;
      const extra: CoapOption[] = [{ number: OptionNumber.Block1, value: encodeBlock({ num, more, szx }) }];
      if (num === 0) extra.push({ number: OptionNumber.Size1, value: encodeUint(payload.length) });
      const received = await this.exchange(peer, this.buildRequest(spec, token, chunk, extra), `${describe} (Block1 #${num})`);
      const r = received.message;
      const rb = block1Of(r);
      if (r.code === '2.31' && more) {
        if (rb && rb.szx < szx) szx = rb.szx; // the server asks for smaller blocks from now on
        offset += chunk.length;
        continue;
      }
      if (r.code === '4.13' && rb && rb.szx < szx) {
        szx = rb.szx; // refused at this size: start again with the size the server offers
        offset = 0;
        continue;
      }
      return this.completeResponse(peer, spec, received, describe);
    }
  }

  private tokenKey(peer: PeerAddress, token: Buffer): string {
    return `${peerKey(peer)}#${token.toString('hex')}`;
  }

  private async acquireSlot(peer: PeerAddress): Promise<void> {
    const key = peerKey(peer);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { active: 0, queue: [] };
      this.slots.set(key, slot);
    }
    if (slot.active < this.params.nstart) {
      slot.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => slot.queue.push({ resolve, reject }));
  }

  private releaseSlot(peer: PeerAddress): void {
    const key = peerKey(peer);
    const slot = this.slots.get(key);
    if (!slot) return;
    const next = slot.queue.shift();
    if (next) {
      next.resolve(); // the slot passes straight to the next waiter
      return;
    }
    slot.active--;
    if (slot.active <= 0) this.slots.delete(key);
  }

  /** One request/response exchange (no block-wise): NSTART pacing, CON reliability, token matching. */
  private async exchange(peer: PeerAddress, msg: CoapMessage, describe: string): Promise<Received> {
    await this.acquireSlot(peer);
    if (this.closed) {
      this.releaseSlot(peer);
      throw new CoapClosedError(describe);
    }
    const key = this.tokenKey(peer, msg.token);
    if (this.pending.has(key)) {
      this.releaseSlot(peer);
      throw new Error(`${describe}: token ${msg.token.toString('hex')} already in use with this peer`);
    }
    return new Promise<Received>((resolve, reject) => {
      let slotHeld = true;
      let timer: NodeJS.Timeout | undefined;
      const releaseSlot = (): void => {
        if (slotHeld) {
          slotHeld = false;
          this.releaseSlot(peer);
        }
      };
      const finish = (): void => {
        pending.settled = true;
        if (this.pending.get(key) === pending) this.pending.delete(key);
        if (timer) this.clearTimer(timer);
        releaseSlot();
        if (msg.type === 'CON') this.stopRetransmission(peer, msg.messageId);
      };
      const pending: PendingRequest = {
        describe,
        settled: false,
        complete: (response) => {
          if (pending.settled) return;
          finish();
          resolve(response);
        },
        fail: (err) => {
          if (pending.settled) return;
          finish();
          reject(err);
        },
      };
      this.pending.set(key, pending);
      const awaitResponse = (): void => {
        const wait = this.params.exchangeLifetimeMs;
        timer = this.setTimer(() => pending.fail(new CoapTimeoutError(describe, peer, 'response', wait)), wait);
      };
      if (msg.type === 'CON') {
        this.sendConfirmable(peer, msg, describe).then(
          (ack) => {
            if (ack === 'superseded' || pending.settled) return;
            releaseSlot();
            if (ack.message.code !== '0.00') pending.complete(ack);
            else awaitResponse(); // empty ACK: a separate response follows
          },
          (err: Error) => pending.fail(err),
        );
      } else {
        this.nonSent.set(exchangeKey(peer, msg.messageId), () => pending.fail(new CoapResetError(describe, peer)), this.params.nonLifetimeMs);
        this.transmit(peer, encodeMessage(msg));
        awaitResponse();
      }
    });
  }

  /** Sends a CON and retransmits with exponential back-off until ACK/RST or MAX_RETRANSMIT. */
  private sendConfirmable(peer: PeerAddress, msg: CoapMessage, describe: string): Promise<Received | 'superseded'> {
    if (this.closed) return Promise.reject(new CoapClosedError(describe));
    const key = exchangeKey(peer, msg.messageId);
    const bytes = encodeMessage(msg);
    return new Promise((resolve, reject) => {
      const o: OutgoingCon = {
        peer, bytes, token: msg.token, describe, resolve, reject,
        retransmissions: 0,
        timeoutMs: initialTimeoutMs(this.params),
        startedAt: performance.now(),
      };
      const arm = (): void => {
        o.timer = this.setTimer(() => {
          if (this.outgoing.get(key) !== o) return;
          if (o.retransmissions >= this.params.maxRetransmit) {
            this.outgoing.delete(key);
            reject(new CoapTimeoutError(describe, peer, 'ack', performance.now() - o.startedAt, o.retransmissions + 1));
            return;
          }
          o.retransmissions++;
          o.timeoutMs *= 2;
          this.transmit(peer, bytes);
          arm();
        }, o.timeoutMs);
      };
      this.outgoing.set(key, o);
      this.transmit(peer, bytes);
      arm();
    });
  }

  private stopRetransmission(peer: PeerAddress, mid: number): void {
    const key = exchangeKey(peer, mid);
    const o = this.outgoing.get(key);
    if (!o) return;
    this.outgoing.delete(key);
    if (o.timer) this.clearTimer(o.timer);
    o.resolve('superseded');
  }

  private readonly observationTransport: ObservationTransport = {
    deregister: (obs) => this.request(obs.peer, { ...obs.request, observe: 1, token: obs.token }),
    forget: (obs) => {
      const key = this.tokenKey(obs.peer, obs.token);
      if (this.observations.get(key) === obs) this.observations.delete(key);
    },
    watch: (obs, on) => {
      const key = obs.token.toString('hex');
      if (on) this.watched.set(key, obs);
      else if (this.watched.get(key) === obs) this.watched.delete(key);
    },
  };

  // ---- datagram intake -----------------------------------------------------------------------

  private onDatagram(bytes: Buffer, peer: PeerAddress, mark?: DatagramMark): void {
    if (this.closed) return;
    const decoded = decodeMessage(bytes);
    const message = decoded.ok ? decoded.message : undefined;
    const dropped = this.dropIncoming?.({ bytes, remote: peer, ...(message ? { message } : {}) }) ?? false;
    const entry: NewDatagramRecord = { direction: 'in', endpoint: this.name, local: this.local, remote: peer, bytes };
    if (decoded.ok) entry.message = decoded.message;
    else entry.decodeError = decoded.reason;
    if (dropped) entry.dropped = true;
    if (this.transport.security) entry.security = this.transport.security;
    if (mark?.impairment) Object.assign(entry, impairmentFields(mark.impairment, mark.delayMs));
    const record = this.trace.record(entry);
    if (message) this.showWatchers(peer, message, record);
    if (dropped) return;
    if (!decoded.ok) {
      // RFC 7252 §4.2: a CON with a format error is rejected with RST when its MID is readable.
      if (bytes.length >= 4 && bytes[0]! >> 6 === 1 && ((bytes[0]! >> 4) & 3) === 0) {
        this.sendReset(peer, bytes.readUInt16BE(2));
      }
      return;
    }
    this.dispatch(peer, decoded.message, record.seq, bytes);
  }

  /**
   * A watched observation sees every message with its token that is not an ACK or RST and has a
   * response code, as received: before deduplication and freshness, and after it ended.
   */
  private showWatchers(peer: PeerAddress, msg: CoapMessage, record: DatagramRecord): void {
    if (this.watched.size === 0 || msg.type === 'ACK' || msg.type === 'RST') return;
    const cls = codeClass(msg.code);
    if (cls !== 2 && cls !== 4 && cls !== 5) return;
    const obs = this.watched.get(msg.token.toString('hex'));
    if (!obs || msg === obs.first?.message) return;
    obs.received(this.toResponse(peer, msg, msg.payload, record.seq), record.atMs);
  }

  /** Plain CoAP that reached a DTLS server from a peer without a session: traced as dropped, never processed. */
  private recordUnprotected(bytes: Buffer, peer: PeerAddress): void {
    const decoded = decodeMessage(bytes);
    this.trace.record({
      direction: 'in', endpoint: this.name, local: this.local, remote: peer, bytes,
      ...(decoded.ok ? { message: decoded.message } : { decodeError: decoded.reason }),
      dropped: true,
    });
  }

  /**
   * What the impairment layer did. Under DTLS it acts on encrypted datagrams, traced as they
   * are ('wire'); over plain UDP an incoming datagram it dropped is traced here (the others come
   * marked with their delivery), and outgoing ones are marked where transmitAsync traces them.
   */
  private recordImpairment(e: ImpairmentEvent): void {
    if (this.closed) return;
    const fields = impairmentFields(e.kind, e.delayMs);
    const at = { local: this.local, remote: { ...e.peer }, atMs: e.atMs };
    if (this.transport.security) {
      this.trace.record({ direction: e.direction, endpoint: this.name, ...at, bytes: e.bytes, security: this.transport.security, wire: true, ...fields });
    } else if (e.direction === 'out') {
      this.outgoingImpairments?.push(e);
    } else if (e.kind === 'dropped') {
      const decoded = decodeMessage(e.bytes);
      this.trace.record({
        direction: 'in', endpoint: this.name, ...at, bytes: e.bytes,
        ...(decoded.ok ? { message: decoded.message } : { decodeError: decoded.reason }),
        ...fields,
      });
    }
  }

  private dispatch(peer: PeerAddress, msg: CoapMessage, seq: number, datagram: Buffer): void {
    if (msg.type === 'ACK') return this.onAck(peer, msg, seq);
    if (msg.type === 'RST') return this.onReset(peer, msg);
    if (msg.code === '0.00') {
      if (msg.type === 'CON') this.sendReset(peer, msg.messageId); // CoAP ping
      return; // an empty NON is not allowed; ignore
    }
    const dedupKey = exchangeKey(peer, msg.messageId);
    const seen = this.dedup.get(dedupKey);
    if (seen) {
      // RFC 7252 §4.4: a MID is not reused with the same peer within EXCHANGE_LIFETIME. A new
      // message under a remembered MID is dropped as a duplicate all the same, and recorded so
      // that a verdict can say why the message went unanswered.
      if (!repeatsFirst(seen, msg)) this.trace.recordMidReuse({ endpoint: this.name, peer, messageId: msg.messageId, firstSeq: seen.seq, seq });
      if (msg.type === 'CON' && seen.reply !== undefined) this.transmit(peer, Buffer.from(seen.reply, 'latin1'));
      return;
    }
    this.dedup.set(dedupKey, { seq, datagram: datagram.toString('latin1'), reply: undefined }, msg.type === 'CON' ? this.params.exchangeLifetimeMs : this.params.nonLifetimeMs);
    const cls = codeClass(msg.code);
    if (cls === 0) {
      this.handleRequest(peer, msg, dedupKey, seq).catch((err) => this.reportError(err));
    } else if (cls === 2 || cls === 4 || cls === 5) {
      this.handleResponse(peer, msg, dedupKey, seq);
    } else if (msg.type === 'CON') {
      this.rememberReply(dedupKey, this.sendReset(peer, msg.messageId)); // reserved class
    }
  }

  /** The answer to send again should the message under this key come again. */
  private rememberReply(dedupKey: string, reply: Buffer): void {
    const seen = this.dedup.get(dedupKey);
    if (seen) seen.reply = reply.toString('latin1');
  }

  private onAck(peer: PeerAddress, msg: CoapMessage, seq: number): void {
    if (codeClass(msg.code) === 0 && msg.code !== '0.00') return; // an ACK cannot carry a request
    const key = exchangeKey(peer, msg.messageId);
    const o = this.outgoing.get(key);
    if (!o) return;
    if (msg.code !== '0.00' && !msg.token.equals(o.token)) return; // piggybacked response for another token
    this.outgoing.delete(key);
    if (o.timer) this.clearTimer(o.timer);
    o.resolve({ message: msg, seq });
  }

  private onReset(peer: PeerAddress, msg: CoapMessage): void {
    if (msg.code !== '0.00') return; // a RST must be empty
    const key = exchangeKey(peer, msg.messageId);
    const o = this.outgoing.get(key);
    if (o) {
      this.outgoing.delete(key);
      if (o.timer) this.clearTimer(o.timer);
      o.reject(new CoapResetError(o.describe, peer));
      return;
    }
    const onNonReset = this.nonSent.get(key);
    if (onNonReset) {
      this.nonSent.delete(key);
      onNonReset();
    }
  }

  private handleResponse(peer: PeerAddress, msg: CoapMessage, dedupKey: string, seq: number): void {
    const key = this.tokenKey(peer, msg.token);
    const ackIfCon = (): void => {
      if (msg.type === 'CON') this.rememberReply(dedupKey, this.sendEmptyAck(peer, msg.messageId));
    };
    const pending = this.pending.get(key);
    if (pending) {
      ackIfCon();
      pending.complete({ message: msg, seq });
      return;
    }
    const obs = this.observations.get(key);
    if (obs) {
      ackIfCon();
      this.onNotification(obs, peer, msg, seq);
      return;
    }
    // Nobody expects it (late, cancelled observation, unknown token): reject it.
    this.rememberReply(dedupKey, this.sendReset(peer, msg.messageId));
  }

  private onNotification(obs: Observation, peer: PeerAddress, msg: CoapMessage, seq: number): void {
    const now = performance.now();
    const observeNumber = observeOf(msg);
    if (observeNumber !== undefined && !obs.isFresh(observeNumber, now)) {
      obs.staleDropped++;
      return;
    }
    const b = block2Of(msg);
    if (!b || !b.more) {
      obs.deliver(this.toResponse(peer, msg, msg.payload, seq), now);
      return;
    }
    // A large notification: fetch the rest with plain GETs (RFC 7959 §3.4), then deliver.
    const spec: RequestSpec = { ...obs.request, method: 'GET' };
    this.followBlock2(peer, spec, msg, `Block2 of notification on ${obs.request.path}`).then(
      (body) => obs.deliver(this.toResponse(peer, msg, body, seq), performance.now()),
      (err) => this.reportError(err),
    );
  }

  // ---- server side ---------------------------------------------------------------------------

  private async handleRequest(peer: PeerAddress, msg: CoapMessage, dedupKey: string, seq: number): Promise<void> {
    const ex: ServerExchange = { peer, request: msg, dedupKey, acked: false };
    const method = methodOfCode(msg.code);
    if (!method) return this.reply(ex, '4.05');
    for (const o of msg.options) {
      if (isCritical(o.number) && !this.understood.has(o.number)) {
        return this.reply(ex, '4.02', [], Buffer.from(`unrecognized critical option ${o.number}`));
      }
    }
    if (optionValue(msg, OptionNumber.ProxyUri) || optionValue(msg, OptionNumber.ProxyScheme)) return this.reply(ex, '5.05');
    const path = uriPath(msg);
    const query = uriQuery(msg);
    const acc = acceptOf(msg);
    const obsValue = observeOf(msg);

    // RFC 7641 §3.6: Observe=1 with the relation's token deregisters; Observe=0 replaces it.
    // A plain request with that token (e.g. a Block2 follow-up reusing it) leaves it alone.
    const tokenKey = this.relations.size > 0 || obsValue !== undefined ? this.tokenKey(peer, msg.token) : '';
    const existing = this.relations.size > 0 ? this.relations.get(tokenKey) : undefined;
    if (existing && obsValue === 1) existing.end('deregister');
    if (existing && obsValue === 0) existing.end('reregistered');

    let payload = msg.payload;
    let block1Done: { num: number; more: false; szx: number } | undefined;
    const block1Raw = optionValue(msg, OptionNumber.Block1);
    if (block1Raw) {
      const b1 = decodeBlock(block1Raw);
      if (!b1) return this.reply(ex, '4.00', [], Buffer.from('malformed Block1 option'));
      const outcome = this.block1.accept(`${method}|${resourceKeyOf(peer, path, query, acc)}`, b1, msg.payload, size1Of(msg));
      switch (outcome.kind) {
        case 'continue': {
          const size1 = size1Of(msg);
          try {
            this.block1Listener?.({ peer, method, path, num: b1.num, size: b1.size, ...(size1 !== undefined ? { size1 } : {}) });
          } catch (err) {
            this.reportError(err);
          }
          return this.reply(ex, '2.31', [{ number: OptionNumber.Block1, value: encodeBlock(outcome.block) }]);
        }
        case 'incomplete':
          return this.reply(ex, '4.08', [], Buffer.from(outcome.detail));
        case 'too-large':
          return this.reply(ex, '4.13', [{ number: OptionNumber.Size1, value: encodeUint(outcome.maxBytes) }]);
        case 'bad':
          return this.reply(ex, '4.00', [], Buffer.from(outcome.detail));
        case 'complete':
          payload = outcome.payload;
          block1Done = outcome.block;
      }
    }

    const preferredSzx = szxOfSize(this.params.blockSize);
    let block2Req: { num: number; szx: number } | undefined;
    const block2Raw = optionValue(msg, OptionNumber.Block2);
    if (block2Raw) {
      const b2 = decodeBlock(block2Raw);
      if (!b2) return this.reply(ex, '4.00', [], Buffer.from('malformed Block2 option'));
      // Block 0 may negotiate down; later blocks are served at the size the client counts in.
      block2Req = { num: b2.num, szx: b2.num === 0 ? Math.min(b2.szx, preferredSzx) : b2.szx };
      if (b2.num > 0 && !block1Done) {
        const cached = this.block2Cache.get(`${method}|${resourceKeyOf(peer, path, query, acc)}`);
        if (cached) return this.replyBlock(ex, cached, block2Req.num, block2Req.szx, []);
      }
    }

    let relation: ObserveRelation | undefined;
    const canObserve = obsValue === 0 && (method === 'GET' || method === 'FETCH');
    const req: IncomingRequest = { peer, message: msg, seq, method, path, query, payload };
    const cf = contentFormatOf(msg);
    if (cf !== undefined) req.contentFormat = cf;
    if (acc !== undefined) req.accept = acc;
    if (obsValue !== undefined) req.observe = obsValue;
    if (block1Done) req.block1 = { ...block1Done, size: sizeOfSzx(block1Done.szx) };
    if (canObserve && !(block2Req && block2Req.num > 0)) {
      req.startObservation = () =>
        (relation ??= new ObserveRelation(peer, Buffer.from(msg.token), path, query, acc, this.relationTransport));
    }

    let spec: ResponseSpec;
    try {
      const answer = this.handler ? this.handler(req) : { code: '4.04' };
      // Only a handler that answers later can outlast the piggyback window: the timer is armed
      // for those alone (a timer per request costs more than the request under load).
      if (answer instanceof Promise && msg.type === 'CON') {
        ex.timer = this.setTimer(() => {
          if (ex.acked || this.closed) return;
          ex.acked = true; // handler is slow: empty ACK now, separate response later
          this.rememberReply(dedupKey, this.sendEmptyAck(peer, msg.messageId));
        }, this.params.piggybackWindowMs);
      }
      // A handler that answers at once is finished at once: no turn of the event loop per request.
      spec = answer instanceof Promise ? await answer : answer;
      if (codeByte(spec.code) === undefined || codeClass(spec.code) < 2) {
        spec = { code: '5.00', payload: `handler returned invalid response code ${String(spec.code)}` };
      }
    } catch (err) {
      this.reportError(err);
      spec = { code: '5.00', payload: 'request handler failed' };
    }
    if (this.closed) return;
    if (spec.observe && req.startObservation) req.startObservation();

    const rep = this.representation(spec);
    const extra: CoapOption[] = [];
    const observing = relation !== undefined && spec.code.startsWith('2.') && this.relations.size < this.limits.maxRelations;
    if (observing) extra.push({ number: OptionNumber.Observe, value: encodeUint(this.takeObserveNumber()) });
    if (block1Done) extra.push({ number: OptionNumber.Block1, value: encodeBlock(block1Done) });
    if (rep.payload.length > (16 << (block2Req?.szx ?? preferredSzx)) || (block2Req && block2Req.num > 0)) {
      this.block2Cache.set(`${method}|${resourceKeyOf(peer, path, query, acc)}`, rep, this.params.exchangeLifetimeMs);
      this.replyBlock(ex, rep, block2Req?.num ?? 0, block2Req?.szx ?? preferredSzx, extra);
    } else {
      this.reply(ex, rep.code, extra.length > 0 ? [...rep.options, ...extra] : rep.options, rep.payload);
    }
    if (relation) {
      if (observing) {
        this.relations.set(tokenKey, relation);
        relation.activate();
      } else {
        relation.end(spec.code.startsWith('2.') ? 'cancelled' : 'error-response');
      }
    }
  }

  /** Answers the exchange's request (piggybacked or separate), ending its piggyback timer. */
  private reply(ex: ServerExchange, code: string, options: CoapOption[] = [], payload: Buffer = EMPTY): void {
    if (ex.timer) this.clearTimer(ex.timer);
    this.sendResponse(ex.peer, ex.request, ex, { code, options, payload });
  }

  private replyBlock(
    ex: ServerExchange,
    rep: Representation,
    num: number,
    szx: number,
    extra: CoapOption[],
  ): void {
    const block = sliceBlock(rep.payload, num, szx);
    if (!block) return this.reply(ex, '4.02', [], Buffer.from(`Block2 #${num} is beyond the end of the representation`));
    const options = [...rep.options, ...(num === 0 ? extra : extra.filter((o) => o.number !== OptionNumber.Observe))];
    options.push({ number: OptionNumber.Block2, value: encodeBlock({ num, more: block.more, szx }) });
    if (num === 0) options.push({ number: OptionNumber.Size2, value: encodeUint(rep.payload.length) });
    this.reply(ex, rep.code, options, block.chunk);
  }

  private representation(spec: ResponseSpec): Representation {
    const options: CoapOption[] = [];
    for (const s of pathSegments(spec.locationPath ?? '')) options.push({ number: OptionNumber.LocationPath, value: Buffer.from(s, 'utf8') });
    if (spec.contentFormat !== undefined) options.push({ number: OptionNumber.ContentFormat, value: encodeUint(spec.contentFormat) });
    options.push(...(spec.options ?? []));
    return { code: spec.code, options, payload: toBuffer(spec.payload) };
  }

  private takeObserveNumber(): number {
    this.observeSeq = nextObserveNumber(this.observeSeq);
    return this.observeSeq;
  }

  /** Piggybacked in the ACK when still possible, else a separate response (CON for a CON request). */
  private sendResponse(peer: PeerAddress, req: CoapMessage, ex: ServerExchange, rep: Representation): void {
    // In any order: encodeMessage puts them in wire order.
    const options = rep.options;
    if (req.type === 'CON' && !ex.acked) {
      ex.acked = true;
      const bytes = this.sendEncoded(peer, { type: 'ACK', code: rep.code, messageId: req.messageId, token: req.token, options, payload: rep.payload });
      this.rememberReply(ex.dedupKey, bytes);
      return;
    }
    const msg: CoapMessage = {
      type: req.type === 'CON' ? 'CON' : 'NON',
      code: rep.code,
      messageId: this.allocateMessageId(),
      token: req.token,
      options,
      payload: rep.payload,
    };
    if (msg.type === 'CON') {
      this.sendConfirmable(peer, msg, `separate ${rep.code} response`).catch(() => {
        // the peer never acknowledged the separate response; nothing more to do
      });
    } else {
      this.sendEncoded(peer, msg);
    }
  }

  private readonly relationTransport: RelationTransport = {
    release: (rel) => {
      const key = this.tokenKey(rel.peer, rel.token);
      if (this.relations.get(key) === rel) this.relations.delete(key);
    },
    sendNotification: async (rel, spec, confirmable): Promise<NotifyOutcome> => {
      if (this.closed) return 'closed';
      const rep = this.representation(spec);
      const ok = spec.code.startsWith('2.');
      const options = [...rep.options];
      if (ok) options.push({ number: OptionNumber.Observe, value: encodeUint(this.takeObserveNumber()) });
      let payload = rep.payload;
      if (payload.length > this.params.blockSize) {
        const szx = szxOfSize(this.params.blockSize);
        this.block2Cache.set(`GET|${resourceKeyOf(rel.peer, rel.path, rel.query, rel.accept)}`, rep, this.params.exchangeLifetimeMs);
        const block = sliceBlock(payload, 0, szx)!;
        options.push({ number: OptionNumber.Block2, value: encodeBlock({ num: 0, more: block.more, szx }) });
        options.push({ number: OptionNumber.Size2, value: encodeUint(payload.length) });
        payload = block.chunk;
      }
      options.sort((a, b) => a.number - b.number);
      const msg: CoapMessage = {
        type: confirmable ? 'CON' : 'NON',
        code: spec.code,
        messageId: this.allocateMessageId(),
        token: rel.token,
        options,
        payload,
      };
      if (!ok) rel.end('error-response');
      if (!confirmable) {
        if (ok) this.nonSent.set(exchangeKey(rel.peer, msg.messageId), () => rel.end('rst'), this.params.nonLifetimeMs);
        this.sendEncoded(rel.peer, msg);
        return 'sent';
      }
      try {
        await this.sendConfirmable(rel.peer, msg, `notification ${spec.code} on ${rel.path}`);
        return 'acked';
      } catch (err) {
        if (err instanceof CoapResetError) {
          rel.end('rst');
          return 'reset';
        }
        if (err instanceof CoapTimeoutError) {
          rel.end('timeout');
          return 'timeout';
        }
        return 'closed';
      }
    },
  };

  // ---- sending -------------------------------------------------------------------------------

  private sendEncoded(peer: PeerAddress, msg: CoapMessage): Buffer {
    const bytes = encodeMessage(msg);
    this.handOver(peer, bytes, false, asEncoded(msg))?.catch((err) => this.reportError(err));
    return bytes;
  }

  private sendEmptyAck(peer: PeerAddress, mid: number): Buffer {
    return this.sendEncoded(peer, { type: 'ACK', code: '0.00', messageId: mid, token: EMPTY, options: [], payload: EMPTY });
  }

  private sendReset(peer: PeerAddress, mid: number): Buffer {
    return this.sendEncoded(peer, { type: 'RST', code: '0.00', messageId: mid, token: EMPTY, options: [], payload: EMPTY });
  }

  private transmit(peer: PeerAddress, bytes: Buffer): void {
    this.handOver(peer, bytes, false)?.catch((err) => this.reportError(err));
  }

  private transmitAsync(peer: PeerAddress, bytes: Buffer): Promise<void> {
    return this.handOver(peer, bytes, true) ?? Promise.resolve();
  }

  /**
   * Traces a datagram and hands it to the transport. With `wait`, returns the promise of its
   * sending; without, a transport that can post it does so and a failure reaches the error
   * listeners (no promise per datagram: a busy server sends 10^4 a second).
   */
  private handOver(peer: PeerAddress, bytes: Buffer, wait: boolean, message?: CoapMessage): Promise<void> | undefined {
    if (this.closed) return Promise.reject(new CoapClosedError('send'));
    // The trace shows what was sent: the message as encoded, else as the bytes decode.
    const decoded: DecodeResult = message ? { ok: true, message } : decodeMessage(bytes);
    const dropped = this.dropOutgoing?.({ bytes, remote: peer, ...(decoded.ok ? { message: decoded.message } : {}) }) ?? false;
    if (dropped) {
      this.traceOut(peer, bytes, decoded, true);
      return undefined;
    }
    const post = !wait && this.transport.post !== undefined;
    if (!this.impaired) {
      this.traceOut(peer, bytes, decoded, false);
      if (post) return void this.transport.post!(bytes, peer);
      return this.transport.send(bytes, peer);
    }
    // The impairment layer decides as the datagram is handed over; the trace shows its decision.
    const impairments: ImpairmentEvent[] = [];
    this.outgoingImpairments = impairments;
    let sent: Promise<void> | undefined;
    try {
      if (post) this.transport.post!(bytes, peer);
      else sent = this.transport.send(bytes, peer);
    } finally {
      this.outgoingImpairments = undefined;
    }
    const fate = impairments.find((e) => e.kind !== 'duplicated');
    this.traceOut(peer, bytes, decoded, false, impairmentFields(fate?.kind, fate?.delayMs));
    if (impairments.some((e) => e.kind === 'duplicated')) this.traceOut(peer, bytes, decoded, false, impairmentFields('duplicated', fate?.delayMs));
    return sent;
  }

  private traceOut(peer: PeerAddress, bytes: Buffer, decoded: DecodeResult, dropped: boolean, impairment?: Partial<DatagramRecord>): void {
    const entry: NewDatagramRecord = { direction: 'out', endpoint: this.name, local: this.local, remote: { address: peer.address, port: peer.port }, bytes };
    if (decoded.ok) entry.message = decoded.message;
    else entry.decodeError = decoded.reason;
    if (dropped) entry.dropped = true;
    if (this.transport.security) entry.security = this.transport.security;
    if (impairment) Object.assign(entry, impairment);
    this.trace.record(entry);
  }

  // ---- timers and faults ---------------------------------------------------------------------

  private setTimer(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      try {
        fn();
      } catch (err) {
        this.reportError(err);
      }
    }, ms);
    this.timers.add(t);
    return t;
  }

  private clearTimer(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.timers.delete(t);
  }

  private reportError(err: unknown): void {
    for (const cb of [...this.errorListeners]) {
      try {
        cb(err);
      } catch {
        // an error listener must not take the endpoint down
      }
    }
  }
}

