// A session that tests an LwM2M server: the target is launched (or expected running) where
// the profile says, the harness waits until it is up (server-readiness.ts), and each case gets
// fresh simulated clients on new ports, so cases never share a registration.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { TraceRecorder } from '../coap/trace.ts';
import { SimulatedClient } from '../peers/clients/simulated-client.ts';
import { SimulatedBootstrapClient } from '../peers/clients/simulated-bootstrap-client.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import { WaitClock } from '../peers/wait-clock.ts';
import { expandPlaceholders } from '../targets/placeholders.ts';
import { anyEndpoint, type Profile } from '../targets/profile.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';
import { TargetControl } from '../targets/target-control.ts';
import { runHistoryLimit, type CaseEnvironment, type CaseStart, type SessionOptions, type SimulatedClients } from './session.ts';
import type { DriverName } from '../targets/driver-spec.ts';
import { HarnessError } from '../errors.ts';
import type { TargetView } from '../targets/target-view.ts';
import { probeSecurityOf, type ProbeSecurity } from './clients-security.ts';
import { DtlsHandshakeError } from '../coap/transport.ts';
import type { DatagramImpairment } from '../coap/transport.ts';
import { parseCoapUri } from '../coap/uri.ts';
import { Inconclusive } from '../errors.ts';
import { awaitReady } from './server-readiness.ts';
import { managementToken, type ManagementToken } from './management-token.ts';

const harnessBin = fileURLToPath(new URL('../../bin/lwm2m-conformance.js', import.meta.url));


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

export class ServerSession implements CaseEnvironment {
  readonly caseDeadlineMs: number;
  private readonly devices: (SimulatedClient | SimulatedBootstrapClient)[] = [];
  /** The harness's LwM2M server ({server.uri}) that a bootstrap server under test provisions. */
  server?: ReferenceServer;
  private caseCount = 0;
  /** One clock for all simulated clients and lifetime pauses: parallel waits count once. */
  private readonly clock = new WaitClock();

  readonly profile: Profile;
  /** CoAP transmission parameters of the simulated clients and the harness's server. */
  private readonly transmission: ResolvedTarget['transmission'];
  /** How the simulated clients register unless a case asks for a particular form. */
  private readonly clientForm: ResolvedTarget['clients'];
  /** Network impairment between the simulated clients and the target. */
  private readonly impairment: ResolvedTarget['impairment'];

  private constructor(
    resolved: ResolvedTarget,
    readonly target: TargetView,
    readonly trace: TraceRecorder,
    readonly control: TargetControl,
    /** DTLS credentials of the simulated clients when the target listens on coaps://. */
    private readonly security: ProbeSecurity,
    /** The management API token offered to the launch and drivers ({http.token}, {http.token.file}). */
    private readonly token: ManagementToken,
  ) {
    this.profile = resolved.profile;
    this.transmission = resolved.transmission;
    this.clientForm = resolved.clients;
    this.impairment = resolved.impairment;
    this.caseDeadlineMs = target.timing.caseDeadlineMs;
  }

  static async open(resolved: ResolvedTarget, options: SessionOptions = {}): Promise<ServerSession> {
    const { profile } = resolved;
    const address = profile.harness.address === '0.0.0.0' ? '127.0.0.1' : profile.harness.address;
    const placeholders = {
      port: String(await freePort('udp', address)),
      'http.port': String(await freePort('tcp', address)),
      node: process.execPath,
      'harness.bin': harnessBin,
    };
    const uri = expandPlaceholders(profile.target.uri, placeholders, { file: profile.file, field: 'target.uri' });
    const parsed = parseCoapUri(uri);
    if (!parsed) throw new HarnessError(`not a coap:// URI: ${uri}`);
    const { peer: server, secure } = parsed;
    const security = probeSecurityOf(resolved, secure);
    const trace = new TraceRecorder(options.historyLimit ?? runHistoryLimit);
    // A bootstrap server under test provisions clients with the harness's own LwM2M server.
    const lwm2mServer = profile.target.role === 'bootstrap-server'
      ? await ReferenceServer.start({ address, port: profile.harness.port, trace, params: resolved.transmission })
      : undefined;
    const token = managementToken();
    const control = new TargetControl(
      profile,
      { ...placeholders, ...token.placeholders, ...security.placeholders, 'target.uri': uri, endpoint: profile.target.endpoint, ...(lwm2mServer ? { 'server.uri': lwm2mServer.uri } : {}) },
      [token.secret],
    );
    try {
      await control.start();
    } catch (error) {
      await lwm2mServer?.close();
      security.dispose();
      token.dispose();
      throw error;
    }
    const target: TargetView = { ...resolved.view, server };
    const session = new ServerSession(resolved, target, trace, control, security, token);
    if (lwm2mServer) session.server = lwm2mServer;
    try {
      await awaitReady({
        server,
        withinMs: target.timing.startWithinMs,
        how: resolved.readiness,
        trace,
        control,
        ...(security.dtls ? { dtls: security.dtls } : {}),
        transmission: resolved.transmission,
        register: { name: session.clientName('readiness'), form: resolved.clients },
      });
    } catch (error) {
      await control.stop();
      await lwm2mServer?.close();
      security.dispose();
      token.dispose();
      throw error;
    }
    return session;
  }

  /** The impairment of a simulated client, its random streams named by its place in the run (its endpoint name holds the process id). */
  private impairmentFor(stream: string): { impairment?: DatagramImpairment } {
    return this.impairment ? { impairment: { ...this.impairment, stream } } : {};
  }

  /** A simulated client's endpoint name: over DTLS the profile's (the server knows credentials for that one), else a fresh one. */
  private clientName(suffix: string): string {
    if (this.security.dtls && this.profile.target.endpoint) return this.profile.target.endpoint;
    return `lwm2m-conformance-${process.pid}-${suffix}`;
  }

  async prepare(def: CaseStart): Promise<void> {
    await this.closeDevices();
    def.started?.();
    this.caseCount++;
  }

  /**
   * Runs one of the profile's server drivers (e.g. 'read' with {endpoint, path}) and returns its
   * output; 'registration' reports the server's record of an endpoint's registration.
   */
  drive(name: DriverName, values?: Record<string, string>): Promise<string> {
    return this.control.drive(name, values);
  }

  /** What a case uses to act as one or more LwM2M clients of the target. */
  readonly clients: SimulatedClients = {
    create: async (options = {}) => {
      const server = this.target.server!;
      const dtls = this.security.dtls;
      const name = options.name ?? this.clientName(`${this.caseCount}-${this.devices.length + 1}`);
      let device: SimulatedClient;
      try {
        device = await SimulatedClient.create({
          server,
          name,
          trace: this.trace,
          clock: this.clock,
          params: this.transmission,
          form: this.clientForm,
          ...(dtls ? { dtls } : {}),
          ...this.impairmentFor(`client ${this.caseCount}-${this.devices.length + 1}`),
        });
      } catch (error) {
        if (error instanceof DtlsHandshakeError) throw new Inconclusive(`the DTLS handshake of a simulated client with the server failed: ${error.message}`);
        throw error;
      }
      this.devices.push(device);
      return device;
    },
    bootstrapClient: async (options = {}) => {
      // A bootstrap server for any endpoint ("*") gets a name of the harness's own.
      const endpoint = this.profile.target.endpoint === anyEndpoint ? this.clientName(`${this.caseCount}-bootstrap-${this.devices.length + 1}`) : this.profile.target.endpoint;
      const device = await SimulatedBootstrapClient.create({
        target: this.target.server!,
        name: options.name ?? endpoint,
        version: this.profile.target.lwm2mVersion,
        trace: this.trace,
        clock: this.clock,
        params: this.transmission,
        form: this.clientForm,
        ...this.impairmentFor(`bootstrap client ${this.caseCount}-${this.devices.length + 1}`),
      });
      this.devices.push(device);
      return device;
    },
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
    // Temporary credentials go whatever else fails.
    try {
      await this.closeDevices();
      await this.control.stop();
      await this.server?.close();
    } finally {
      this.security.dispose();
      this.token.dispose();
    }
  }
}
