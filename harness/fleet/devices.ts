// The devices of one worker process. They share everything that is not theirs: the code, the
// encoded parts of their requests (wire.ts), the object values they answer with (objects.ts),
// one timer for all of them. A device owns only a socket, its Location-Path and a few numbers
// kept in typed arrays indexed by device (a row each rather than an object each), which is
// what keeps an idle device near a kilobyte of heap, most of it the socket.
//
// Each device: Register (at most `window` of the group in flight), an Update at lifetime/2 with
// jitter, an Update again after each 2.04; a 4.04 or a failed Update makes it register afresh.
// Requests retransmit as RFC 7252 §4.2 says; a device waits for a separate response after an
// empty ACK; the server's own requests are answered from the shared table.
import { createSocket, type Socket } from 'node:dgram';
import { decodeMessage, locationPath } from '../coap/message.ts';
import { record } from './histogram.ts';
import { answerRequest } from './objects.ts';
import { emptyTimings, emptyUpdateCounts, type WorkerReport } from './report.ts';
import { sourceAddress, type SourcePlan } from './sources.ts';
import { Code, FleetWire, Kind, emptyMessage, header, tokenMatches, type RegisterShape } from './wire.ts';

export interface DeviceGroupOptions {
  server: { address: string; port: number };
  /** Fleet index of the group's first device; device k is `${endpointPrefix}${first + k}`. */
  first: number;
  count: number;
  endpointPrefix: string;
  shape: RegisterShape;
  /** Spread of the Update time, as a fraction of lifetime/2 either way (0.1: 45 %–55 % of the lifetime). */
  jitter: number;
  /** Registers in flight at once. */
  window: number;
  source: SourcePlan;
  ackTimeoutMs: number;
  ackRandomFactor: number;
  maxRetransmit: number;
  /** How often the group looks for Updates due and requests to retransmit. */
  tickMs?: number;
}

const enum Phase {
  Waiting,
  Registering,
  Registered,
  Updating,
  GaveUp,
  Deregistering,
  Closed,
}

/** `attempt` of a request acknowledged empty: its response comes separately. */
const awaitingSeparate = 255;
/** How long a separate response may take (RFC 7252 MAX_TRANSMIT_WAIT with the default parameters). */
const separateWaitMs = 93_000;
const maxErrors = 10;
const ignore = () => {};

export class DeviceGroup {
  private readonly wire: FleetWire;
  private readonly phase: Uint8Array;
  private readonly messageId: Uint16Array;
  /** Transmissions of the request in flight, less one; or awaitingSeparate. */
  private readonly attempt: Uint8Array;
  /** When the request in flight is retransmitted or given up; 0 when none is in flight. */
  private readonly retryAt: Float64Array;
  private readonly timeoutMs: Float32Array;
  /** First transmission of the request in flight. */
  private readonly sentAt: Float64Array;
  private readonly dueAt: Float64Array;
  private readonly expiresAt: Float64Array;
  /** 0 until the first Register ends, 1 registered, 2 gave up or refused. */
  private readonly outcome: Uint8Array;
  private readonly sockets: (Socket | undefined)[];
  private readonly location: string[];

  private cursor = 0;
  /** Devices to register afresh, in order; `againHead` is the next one. */
  private again: number[] = [];
  private againHead = 0;
  private registersInFlight = 0;
  private deregistersInFlight = 0;
  private settledDevices = 0;
  private stopping = false;
  private deregistering = false;
  private timer?: NodeJS.Timeout;
  private onSettled?: () => void;
  private onStopped?: () => void;
  readonly report: WorkerReport;

  constructor(private readonly o: DeviceGroupOptions) {
    const n = o.count;
    this.wire = new FleetWire(o.shape);
    this.phase = new Uint8Array(n);
    this.messageId = new Uint16Array(n).map(() => Math.floor(Math.random() * 0x10000));
    this.attempt = new Uint8Array(n);
    this.retryAt = new Float64Array(n);
    this.timeoutMs = new Float32Array(n);
    this.sentAt = new Float64Array(n);
    this.dueAt = new Float64Array(n);
    this.expiresAt = new Float64Array(n);
    this.outcome = new Uint8Array(n);
    this.sockets = new Array<Socket | undefined>(n).fill(undefined);
    this.location = new Array<string>(n).fill('');
    this.report = {
      first: o.first,
      devices: n,
      startedAt: Date.now(),
      lastRegisteredAt: null,
      endedAt: 0,
      registered: 0,
      registeredAtEnd: 0,
      gaveUp: 0,
      refused: 0,
      retransmissions: 0,
      updates: emptyUpdateCounts(),
      deregistered: 0,
      serverRequests: 0,
      ...emptyTimings(),
      memory: { pid: process.pid, devices: n, heapBaselineBytes: 0, heapIdleBytes: 0, heapPerDeviceBytes: 0, rssPerDeviceBytes: 0, rssBytes: 0, collected: false },
      errors: [],
    };
  }

  /** Starts registering; resolves once every device has registered or given up. */
  start(): Promise<void> {
    this.report.startedAt = Date.now();
    this.timer = setInterval(() => this.tick(), this.o.tickMs ?? 100);
    return new Promise((resolve) => {
      this.onSettled = resolve;
      if (this.o.count === 0) resolve();
      this.tick();
    });
  }

  /** Stops Registers and Updates; with `deregister`, De-registers every registered device; closes the sockets. */
  async stop(deregister: boolean): Promise<WorkerReport> {
    this.stopping = true;
    let registered = 0;
    for (let i = 0; i < this.o.count; i++) if (this.phase[i] === Phase.Registered || this.phase[i] === Phase.Updating) registered++;
    this.report.registeredAtEnd = registered;
    if (deregister && registered > 0) {
      // Updates in flight are abandoned: the De-register ends the registration either way.
      for (let i = 0; i < this.o.count; i++) {
        if (this.phase[i] !== Phase.Updating && this.phase[i] !== Phase.Registered) continue;
        this.retryAt[i] = 0;
        this.phase[i] = Phase.Waiting;
      }
      this.cursor = 0;
      this.deregistering = true;
      await new Promise<void>((resolve) => {
        this.onStopped = resolve;
        this.tick();
      });
    }
    clearInterval(this.timer);
    for (const s of this.sockets) s?.close();
    this.report.endedAt = Date.now();
    return this.report;
  }

  private tick(): void {
    const now = performance.now();
    if (this.deregistering) return this.tickDeregister(now);
    this.fillWindow(now);
    for (let i = 0; i < this.o.count; i++) {
      const retry = this.retryAt[i]!;
      if (retry !== 0) {
        if (retry <= now) this.expire(i, now);
      } else if (!this.stopping && this.phase[i] === Phase.Registered && this.dueAt[i]! <= now) this.sendUpdate(i, now);
    }
  }

  private fillWindow(now: number): void {
    if (this.stopping) return;
    while (this.registersInFlight < this.o.window) {
      const i = this.againHead < this.again.length ? this.again[this.againHead++]! : this.cursor < this.o.count ? this.cursor++ : -1;
      if (i < 0) return;
      this.registersInFlight++;
      this.phase[i] = Phase.Registering;
      const socket = this.sockets[i];
      if (socket) this.begin(i, this.wire.register(this.endpoint(i), this.nextMessageId(i)), now);
      else this.bind(i);
    }
  }

  private tickDeregister(now: number): void {
    for (let i = 0; i < this.o.count; i++) if (this.retryAt[i] !== 0 && this.retryAt[i]! <= now) this.expire(i, now);
    this.pumpDeregister(now);
  }

  private pumpDeregister(now: number): void {
    // Every device still registered was set back to Waiting by stop(); they leave `window` at a time.
    while (this.deregistersInFlight < this.o.window && this.cursor < this.o.count) {
      const i = this.cursor++;
      if (this.phase[i] !== Phase.Waiting || this.location[i] === '') continue;
      this.phase[i] = Phase.Deregistering;
      this.deregistersInFlight++;
      this.begin(i, this.wire.deregister(this.location[i]!, this.nextMessageId(i)), now);
    }
    if (this.deregistersInFlight === 0 && this.cursor >= this.o.count) this.onStopped?.();
  }

  private endpoint(i: number): string {
    return `${this.o.endpointPrefix}${this.o.first + i}`;
  }

  private nextMessageId(i: number): number {
    this.messageId[i] = (this.messageId[i]! + 1) & 0xffff;
    return this.messageId[i]!;
  }

  private bind(i: number): void {
    const socket = createSocket({ type: 'udp4' });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // EMFILE (the descriptor limit) or an address this host lacks: the device cannot exist.
      this.error(`device ${this.endpoint(i)}: cannot bind ${sourceAddress(this.o.source, this.o.first + i)}: ${error.code ?? error.message}`);
      socket.close();
      this.registersInFlight--;
      this.giveUp(i, 'gave-up');
    });
    socket.bind({ address: sourceAddress(this.o.source, this.o.first + i), port: 0, exclusive: true }, () => {
      socket.removeAllListeners('error');
      socket.on('error', ignore); // a datagram lost on the way is what retransmission is for
      socket.on('message', (bytes) => this.receive(i, bytes));
      this.sockets[i] = socket;
      this.begin(i, this.wire.register(this.endpoint(i), this.nextMessageId(i)), performance.now());
    });
  }

  /** First transmission of a request; its retransmissions rebuild it from the device's row. */
  private begin(i: number, bytes: Buffer, now: number): void {
    this.attempt[i] = 0;
    this.sentAt[i] = now;
    this.timeoutMs[i] = this.o.ackTimeoutMs * (1 + Math.random() * (this.o.ackRandomFactor - 1));
    this.retryAt[i] = now + this.timeoutMs[i]!;
    this.sockets[i]!.send(bytes, this.o.server.port, this.o.server.address);
  }

  private rebuild(i: number): Buffer {
    const id = this.messageId[i]!;
    if (this.phase[i] === Phase.Registering) return this.wire.register(this.endpoint(i), id);
    if (this.phase[i] === Phase.Updating) return this.wire.update(this.location[i]!, id);
    return this.wire.deregister(this.location[i]!, id);
  }

  private expire(i: number, now: number): void {
    if (this.attempt[i] !== awaitingSeparate && this.attempt[i]! < this.o.maxRetransmit) {
      this.attempt[i]!++;
      this.timeoutMs[i] = this.timeoutMs[i]! * 2;
      this.retryAt[i] = now + this.timeoutMs[i]!;
      if (this.phase[i] === Phase.Updating) this.report.updates.retransmissions++;
      else this.report.retransmissions++;
      this.sockets[i]!.send(this.rebuild(i), this.o.server.port, this.o.server.address);
      return;
    }
    this.retryAt[i] = 0;
    this.failed(i);
  }

  private sendUpdate(i: number, now: number): void {
    this.report.updates.sent++;
    record(this.report.updateLatenessMs, now - this.dueAt[i]!);
    this.phase[i] = Phase.Updating;
    this.begin(i, this.wire.update(this.location[i]!, this.nextMessageId(i)), now);
  }

  /** The Update after a registration or Update whose request left at `from`. */
  private schedule(i: number, from: number): void {
    const half = this.o.shape.lifetimeS * 500;
    this.expiresAt[i] = from + 2 * half;
    this.dueAt[i] = from + half * (1 + this.o.jitter * (2 * Math.random() - 1));
  }

  private receive(i: number, bytes: Buffer): void {
    const h = header(bytes);
    if (!h) return;
    const now = performance.now();
    if (h.kind === Kind.ACK || h.kind === Kind.RST) {
      if (this.retryAt[i] === 0 || h.messageId !== this.messageId[i] || this.attempt[i] === awaitingSeparate) return;
      if (h.kind === Kind.RST) return this.answered(i, 0, bytes, now);
      if (h.code === 0) {
        this.attempt[i] = awaitingSeparate;
        this.retryAt[i] = now + separateWaitMs;
        return;
      }
      return this.answered(i, h.code, bytes, now);
    }
    if (h.code === 0) {
      // A CoAP ping: an empty CON gets an RST.
      if (h.kind === Kind.CON) this.sockets[i]!.send(emptyMessage(Kind.RST, h.messageId), this.o.server.port, this.o.server.address);
      return;
    }
    if (h.code < 32) {
      const answer = answerRequest(bytes, { endpoint: this.endpoint(i), lifetimeS: this.o.shape.lifetimeS });
      if (!answer) return;
      this.report.serverRequests++;
      this.sockets[i]!.send(answer.bytes, this.o.server.port, this.o.server.address);
      if (answer.updateNow && this.phase[i] === Phase.Registered) this.dueAt[i] = now;
      return;
    }
    // A separate response: acknowledged, then taken as the answer when its token is the request's.
    const expected = this.retryAt[i] !== 0 && tokenMatches(bytes, this.messageId[i]!);
    if (h.kind === Kind.CON) this.sockets[i]!.send(emptyMessage(expected ? Kind.ACK : Kind.RST, h.messageId), this.o.server.port, this.o.server.address);
    if (expected) this.answered(i, h.code, bytes, now);
  }

  /** The response to the request in flight (code 0: an RST). */
  private answered(i: number, code: number, bytes: Buffer, now: number): void {
    this.retryAt[i] = 0;
    const took = now - this.sentAt[i]!;
    switch (this.phase[i]) {
      case Phase.Registering: {
        const decoded = code === Code.created ? decodeMessage(bytes) : undefined;
        const location = decoded?.ok ? locationPath(decoded.message) : '';
        if (location === '') return this.giveUp(i, 'refused', true);
        this.registersInFlight--;
        this.location[i] = location;
        this.phase[i] = Phase.Registered;
        this.schedule(i, this.sentAt[i]!);
        record(this.report.registerLatencyMs, took);
        if (this.outcome[i] === 0) {
          this.outcome[i] = 1;
          this.report.registered++;
          this.report.lastRegisteredAt = Date.now();
          this.settle();
        }
        return this.fillWindow(now);
      }
      case Phase.Updating:
        if (code !== Code.changed) return this.failed(i);
        this.report.updates.acknowledged++;
        if (now <= this.expiresAt[i]!) this.report.updates.onTime++;
        else this.report.updates.late++;
        record(this.report.updateRoundTripMs, took);
        this.phase[i] = Phase.Registered;
        return this.schedule(i, this.sentAt[i]!);
      case Phase.Deregistering:
        if (code === Code.deleted) this.report.deregistered++;
        return this.closeDevice(i);
    }
  }

  /** The request in flight failed: no answer through every retransmission, or an error code. */
  private failed(i: number): void {
    switch (this.phase[i]) {
      case Phase.Registering:
        return this.giveUp(i, 'gave-up', true);
      case Phase.Updating:
        this.report.updates.failed++;
        this.report.updates.reRegistrations++;
        this.location[i] = '';
        this.phase[i] = Phase.Waiting;
        if (this.againHead === this.again.length) {
          this.again = [];
          this.againHead = 0;
        }
        this.again.push(i);
        return;
      case Phase.Deregistering:
        return this.closeDevice(i);
    }
  }

  private giveUp(i: number, why: 'gave-up' | 'refused', inFlight = false): void {
    if (inFlight) this.registersInFlight--;
    if (why === 'refused') this.report.refused++;
    else this.report.gaveUp++;
    this.phase[i] = Phase.GaveUp;
    this.location[i] = '';
    this.sockets[i]?.close();
    this.sockets[i] = undefined;
    if (this.outcome[i] === 0) {
      this.outcome[i] = 2;
      this.settle();
    }
  }

  private closeDevice(i: number): void {
    this.phase[i] = Phase.Closed;
    this.deregistersInFlight--;
    this.pumpDeregister(performance.now());
  }

  private settle(): void {
    if (++this.settledDevices === this.o.count) this.onSettled?.();
  }

  private error(text: string): void {
    if (this.report.errors.length < maxErrors) this.report.errors.push(text);
  }
}
