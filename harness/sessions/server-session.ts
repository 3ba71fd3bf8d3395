// A session that tests an LwM2M server: the target is launched (or expected running) where
// the profile says, the harness waits until it answers CoAP, and each case gets fresh simulated
// clients on new ports, so cases never share a registration.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { TraceRecorder } from '../coap/trace.ts';
import { SimulatedClient } from '../peers/clients/simulated-client.ts';
import { SimulatedBootstrapClient } from '../peers/clients/simulated-bootstrap-client.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import { WaitClock } from '../peers/wait-clock.ts';
import { featureStrings } from '../targets/features.ts';
import { expandPlaceholders } from '../targets/placeholders.ts';
import { LaunchError } from '../targets/process-launcher.ts';
import type { Profile } from '../targets/profile.ts';
import { TargetControl } from '../targets/target-control.ts';
import type { CaseEnvironment, CaseStart } from './session.ts';
import { HarnessError } from '../errors.ts';
import type { TargetView } from '../targets/target-view.ts';
import { until } from '../peers/wait.ts';
import { targetViewOf } from './client-session.ts';
import { probeSecurityOf, type ProbeSecurity } from './clients-security.ts';
import { DtlsClientTransport, DtlsHandshakeError } from '../dtls/index.ts';
import { Inconclusive } from '../errors.ts';

const harnessBin = fileURLToPath(new URL('../../bin/lwm2m-conformance.js', import.meta.url));

/** Simulated clients a case creates; all closed when the case ends. */
export interface DeviceFactory {
  create(options?: { name?: string }): Promise<SimulatedClient>;
  /** A client in ETS configuration C.13 that bootstraps from the target (bootstrap servers under test). */
  bootstrapClient(options?: { name?: string }): Promise<SimulatedBootstrapClient>;
  /**
   * Runs one of the profile's server drivers (e.g. 'read' with {path}) and returns its output;
   * 'registration' reports the server's record of an endpoint's registration.
   */
  drive(name: 'read' | 'write' | 'execute' | 'observe' | 'cancel-observe' | 'create' | 'delete' | 'write-attributes' | 'discover' | 'registration', values: Record<string, string>): Promise<string>;
  /**
   * Waits until a monotonic time (performance.now() scale): the lifetimes a server case must let
   * pass, which nothing on the wire can end early. Counted as time spent on the target.
   */
  waitUntil(atMs: number, signal: AbortSignal): Promise<void>;
}

async function freePort(kind: 'udp' | 'tcp', address: string): Promise<number> {
  if (kind === 'tcp') {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }
  const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

function parseCoapUri(uri: string): { address: string; port: number; secure: boolean } {
  const match = /^(coaps?):\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]]+)(?::(\d+))?\/?$/.exec(uri);
  if (!match) throw new HarnessError(`not a coap:// URI: ${uri}`);
  const secure = match[1] === 'coaps';
  const host = match[2]!.replace(/^\[|\]$/g, '');
  return { address: host === 'localhost' ? '127.0.0.1' : host, port: match[3] ? Number(match[3]) : secure ? 5684 : 5683, secure };
}

export class ServerSession implements CaseEnvironment {
  readonly caseDeadlineMs: number;
  private readonly devices: (SimulatedClient | SimulatedBootstrapClient)[] = [];
  /** The harness's LwM2M server ({server.uri}) that a bootstrap server under test provisions. */
  server?: ReferenceServer;
  private caseCount = 0;
  /** One clock for all simulated clients and lifetime pauses: parallel waits count once. */
  private readonly clock = new WaitClock();

  private constructor(
    readonly profile: Profile,
    readonly target: TargetView,
    readonly trace: TraceRecorder,
    readonly control: TargetControl,
    /** DTLS credentials of the simulated clients when the target listens on coaps://. */
    private readonly security: ProbeSecurity,
  ) {
    this.caseDeadlineMs = profile.timing.caseDeadline * 1000;
  }

  static async open(profile: Profile): Promise<ServerSession> {
    const address = profile.harness.address === '0.0.0.0' ? '127.0.0.1' : profile.harness.address;
    const placeholders = {
      port: String(await freePort('udp', address)),
      'http.port': String(await freePort('tcp', address)),
      node: process.execPath,
      'harness.bin': harnessBin,
    };
    const uri = expandPlaceholders(profile.target.uri, placeholders, { file: profile.file, field: 'target.uri' });
    const { secure, ...server } = parseCoapUri(uri);
    const security = probeSecurityOf(profile, secure);
    const trace = new TraceRecorder();
    // A bootstrap server under test provisions clients with the harness's own LwM2M server.
    const lwm2mServer = profile.target.role === 'bootstrap-server'
      ? await ReferenceServer.start({ address, port: profile.harness.port, trace, params: { ackTimeoutMs: profile.timing.coap.ackTimeout * 1000, maxRetransmit: profile.timing.coap.maxRetransmit } })
      : undefined;
    const control = new TargetControl(profile, { ...placeholders, ...security.placeholders, 'target.uri': uri, endpoint: profile.target.endpoint, ...(lwm2mServer ? { 'server.uri': lwm2mServer.uri } : {}) });
    try {
      await control.start();
    } catch (error) {
      await lwm2mServer?.close();
      security.dispose();
      throw error;
    }
    const target: TargetView = { ...targetViewOf(profile), features: featureStrings(profile), server };
    const session = new ServerSession(profile, target, trace, control, security);
    if (lwm2mServer) session.server = lwm2mServer;
    try {
      await session.awaitReady(server, profile.timing.startWithin * 1000);
    } catch (error) {
      await control.stop();
      await lwm2mServer?.close();
      security.dispose();
      throw error;
    }
    return session;
  }

  /** A coaps:// server is up when a DTLS handshake with the profile's credentials completes. */
  private async awaitHandshake(server: { address: string; port: number }, withinMs: number): Promise<void> {
    const deadline = performance.now() + withinMs;
    let last = '';
    while (performance.now() < deadline) {
      if (this.control.processEnded) throw new LaunchError(`the target process ended (${this.control.processEnded}) before it completed a DTLS handshake on ${server.address}:${server.port}`);
      try {
        const transport = await DtlsClientTransport.connect(server, { ...this.security.dtls!, handshakeTimeoutMs: Math.max(500, Math.min(3000, deadline - performance.now())), name: 'readiness' });
        await transport.close();
        return;
      } catch (error) {
        last = (error as Error).message;
        // A refused handshake (an alert) will not change by waiting: the credentials do not fit.
        if (error instanceof DtlsHandshakeError && /alert/i.test(last)) throw new LaunchError(`the server refused the DTLS handshake with the profile's credentials: ${last}`);
        // Retries soon after a quick failure (nothing listening yet), or as soon as the process ends.
        await until(() => this.control.processEnded !== undefined, { within: 200 });
      }
    }
    throw new LaunchError(`the server did not complete a DTLS handshake at ${server.address}:${server.port} within ${withinMs / 1000} s${last ? ` (${last})` : ''}`);
  }

  /** The server is up when it answers anything to a confirmable GET / (a 4.04 will do). */
  private async awaitReady(server: { address: string; port: number }, withinMs: number): Promise<void> {
    if (this.security.dtls) return this.awaitHandshake(server, withinMs);
    const probe = createSocket(server.address.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve) => probe.bind(0, resolve));
    let answered = false;
    probe.on('message', () => (answered = true));
    probe.on('error', () => {
      // ICMP port unreachable while the server starts; keep pinging.
    });
    const ping = async (mid: number) => {
      probe.send(Buffer.from([0x40, 0x01, mid >> 8, mid & 0xff]), server.port, server.address);
      return (await until(() => answered, { within: 200 })) === true;
    };
    const deadline = performance.now() + withinMs;
    let mid = 1;
    try {
      while (performance.now() < deadline) {
        if (this.control.processEnded) {
          const tail = this.control.output().slice(-5).map((l) => l.text).join(' | ');
          throw new LaunchError(`the target process ended (${this.control.processEnded}) before it answered on ${server.address}:${server.port}${tail ? `; its last output: ${tail}` : ''}`);
        }
        if (await ping(mid++)) return;
      }
      throw new LaunchError(`the server did not answer a CoAP GET at ${server.address}:${server.port} within ${withinMs / 1000} s`);
    } finally {
      probe.close();
    }
  }

  async prepare(_def: CaseStart): Promise<void> {
    await this.closeDevices();
    if (this.server) this.server.caseStart = this.server.events.position();
    this.caseCount++;
  }

  /** What a case uses to act as one or more LwM2M clients of the target. */
  readonly deviceFactory: DeviceFactory = {
    create: async (options = {}) => {
      const server = this.target.server!;
      const dtls = this.security.dtls;
      // Over DTLS the server knows the credentials for one endpoint name: the profile's.
      const name = options.name ?? (dtls && this.profile.target.endpoint ? this.profile.target.endpoint : `lwm2m-conformance-${process.pid}-${this.caseCount}-${this.devices.length + 1}`);
      let device: SimulatedClient;
      try {
        device = await SimulatedClient.create({
          server,
          name,
          trace: this.trace,
          clock: this.clock,
          params: { ackTimeoutMs: this.profile.timing.coap.ackTimeout * 1000, maxRetransmit: this.profile.timing.coap.maxRetransmit },
          ...(dtls ? { dtls } : {}),
        });
      } catch (error) {
        if (error instanceof DtlsHandshakeError) throw new Inconclusive(`the DTLS handshake of a simulated client with the server failed: ${error.message}`);
        throw error;
      }
      this.devices.push(device);
      return device;
    },
    bootstrapClient: async (options = {}) => {
      const device = await SimulatedBootstrapClient.create({
        target: this.target.server!,
        name: options.name ?? this.profile.target.endpoint,
        version: this.profile.target.lwm2mVersion,
        trace: this.trace,
        clock: this.clock,
        params: { ackTimeoutMs: this.profile.timing.coap.ackTimeout * 1000, maxRetransmit: this.profile.timing.coap.maxRetransmit },
      });
      this.devices.push(device);
      return device;
    },
    drive: (name, values) => this.control.drive(name, values),
    waitUntil: async (atMs, signal) => {
      const left = atMs - performance.now();
      if (left <= 0) return;
      this.clock.begin();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
      this.clock.end();
    },
  };

  waitedMs(): number {
    return this.clock.ms;
  }

  private async closeDevices(): Promise<void> {
    await Promise.all(this.devices.splice(0).map((d) => d.close()));
  }

  async close(): Promise<void> {
    await this.closeDevices();
    await this.control.stop();
    await this.server?.close();
    this.security.dispose();
  }
}
