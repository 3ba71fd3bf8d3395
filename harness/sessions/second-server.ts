// A second reference LwM2M server beside the session's own, for the multi-server cases (ETS
// C.14: the device holds accounts on two servers, SSID 1 and 2). Plain CoAP on the harness's
// address, sharing the session's trace and wait clock; it starts when a case first needs it and
// stays until the session closes, so that a device registered to it is not left talking to nobody.
import type { TraceRecorder } from '../coap/trace.ts';
import type { WaitClock } from '../peers/wait-clock.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';

export class SecondServer {
  private started: Promise<ReferenceServer> | undefined;

  constructor(
    private readonly target: ResolvedTarget,
    private readonly trace: TraceRecorder,
    private readonly clock: WaitClock,
  ) {}

  /** The server, started on first use. */
  server(): Promise<ReferenceServer> {
    this.started ??= ReferenceServer.start({
      address: this.target.profile.harness.address,
      port: 0,
      params: this.target.transmission,
      trace: this.trace,
      clock: this.clock,
      lwm2mMax: this.target.profile.target.lwm2mVersion,
      name: 'server 2',
      ...(this.target.impairment ? { impairment: { ...this.target.impairment, stream: 'server 2' } } : {}),
    });
    return this.started;
  }

  async close(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    const server = await started?.catch(() => undefined);
    await server?.close();
  }
}
