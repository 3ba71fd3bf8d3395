// How a server session learns that the server under test is up before the first case. By
// default a CoAP ping (an empty CON, which RFC 7252 obliges every endpoint to answer with RST),
// over coaps:// a completed DTLS handshake; or as the profile says: a simulated client's
// Register answered with any code, a fixed delay, or nothing. Never a request a conformant
// server may ignore. Every probe goes through the endpoint named 'readiness', so it shows in
// the trace.
import { CoapEndpoint } from '../coap/endpoint.ts';
import type { TransmissionParams } from '../coap/transmission.ts';
import type { PeerAddress, TraceRecorder } from '../coap/trace.ts';
import { DtlsHandshakeError } from '../coap/transport.ts';
import { SimulatedClient, type ProbeDtls, type RegisterForm } from '../peers/clients/simulated-client.ts';
import { until } from '../peers/wait.ts';
import { LaunchError } from '../targets/process-launcher.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';
import type { TargetControl } from '../targets/target-control.ts';

export interface ReadinessProbe {
  readonly server: PeerAddress;
  readonly withinMs: number;
  readonly how: ResolvedTarget['readiness'];
  readonly trace: TraceRecorder;
  readonly control: TargetControl;
  /** The simulated clients' DTLS credentials, for a coaps:// server. */
  readonly dtls?: ProbeDtls;
  readonly transmission: TransmissionParams;
  /** `register`: the endpoint name and form of the Register. */
  readonly register: { name: string; form: RegisterForm };
}

const probeName = 'readiness';

/** Resolves once the server is up; throws a LaunchError that names what was tried when it is not. */
export async function awaitReady(probe: ReadinessProbe): Promise<void> {
  const { how, withinMs, control } = probe;
  if (how === 'none') return;
  if (typeof how === 'object') {
    await until(() => control.processEnded !== undefined, { within: how.delay * 1000 });
    throwIfEnded(probe, `the ${how.delay} s readiness delay ended`);
    return;
  }
  const deadline = performance.now() + withinMs;
  const endpoint = probe.dtls ? await handshake(probe, deadline) : await CoapEndpoint.bind({
    // Any address, as the target may listen beyond loopback; socket errors (ICMP port unreachable
    // while the server starts) only reach the endpoint's error listeners, and the probing goes on.
    address: probe.server.address.includes(':') ? '::' : '0.0.0.0',
    name: probeName,
    trace: probe.trace,
    params: registerAttemptParams(probe),
  });
  try {
    if (how === 'ping') await ping(probe, endpoint, deadline);
    else if (how === 'register') await register(probe, endpoint, deadline);
  } finally {
    await endpoint.close();
  }
}

/** One try per Register: no retransmission (the next try is a new Register), a separate response awaited to the deadline. */
function registerAttemptParams(probe: ReadinessProbe): Partial<TransmissionParams> {
  return { ...probe.transmission, ackRandomFactor: 1, maxRetransmit: 0, exchangeLifetimeMs: probe.withinMs };
}

function throwIfEnded(probe: ReadinessProbe, before: string): void {
  const ended = probe.control.processEnded;
  if (!ended) return;
  const tail = probe.control.output().slice(-5).map((l) => l.text).join(' | ');
  throw new LaunchError(`the target process ended (${ended}) before ${before}${tail ? `; its last output: ${tail}` : ''}`);
}

const at = (server: PeerAddress) => `${server.address}:${server.port}`;

/** A coaps:// server is up when a DTLS handshake with the profile's credentials completes; returns the secured endpoint. */
async function handshake(probe: ReadinessProbe, deadline: number): Promise<CoapEndpoint> {
  const { server } = probe;
  let last = '';
  while (performance.now() < deadline) {
    throwIfEnded(probe, `it completed a DTLS handshake on ${at(server)}`);
    try {
      return await CoapEndpoint.bind({
        address: server.address.includes(':') ? '::1' : '127.0.0.1',
        name: probeName,
        trace: probe.trace,
        params: registerAttemptParams(probe),
        security: { ...probe.dtls!, role: 'client', server, handshakeTimeoutMs: Math.max(500, Math.min(3000, deadline - performance.now())) },
      });
    } catch (error) {
      last = (error as Error).message;
      // A refused handshake (an alert) will not change by waiting: the credentials do not fit.
      if (error instanceof DtlsHandshakeError && /alert/i.test(last)) throw new LaunchError(`the server refused the DTLS handshake with the profile's credentials: ${last}`);
      // Retries soon after a quick failure (nothing listening yet), or as soon as the process ends.
      await until(() => probe.control.processEnded !== undefined, { within: 200 });
    }
  }
  throw new LaunchError(`the server did not complete a DTLS handshake at ${at(server)} within ${probe.withinMs / 1000} s${last ? ` (${last})` : ''}`);
}

/** Pings with an empty CON, more slowly as time passes, until an RST or empty ACK carries one of their message ids. */
async function ping(probe: ReadinessProbe, endpoint: CoapEndpoint, deadline: number): Promise<void> {
  const sent = new Set<number>();
  let answered = false;
  const stop = probe.trace.onRecord((r) => {
    const m = r.message;
    if (r.endpoint === endpoint.name && r.direction === 'in' && m && (m.type === 'RST' || m.type === 'ACK') && sent.has(m.messageId)) answered = true;
  });
  try {
    while (performance.now() < deadline) {
      throwIfEnded(probe, `it answered a CoAP ping on ${at(probe.server)}`);
      const mid = endpoint.allocateMessageId();
      sent.add(mid);
      endpoint.sendRaw(probe.server, Buffer.from([0x40, 0x00, mid >> 8, mid & 0xff])).catch(() => undefined);
      const waitMs = Math.min(probe.transmission.ackTimeoutMs, 200 * 2 ** Math.floor((sent.size - 1) / 3), deadline - performance.now());
      await until(() => answered || probe.control.processEnded !== undefined, { within: Math.max(0, waitMs) });
      if (answered) return;
    }
    throwIfEnded(probe, `it answered a CoAP ping on ${at(probe.server)}`);
    throw new LaunchError(`no RST to a CoAP ping at ${at(probe.server)} within ${probe.withinMs / 1000} s (${sent.size} pings)`);
  } finally {
    stop();
  }
}

/** Registers as a simulated client until any response code comes back, then de-registers what it created. */
async function register(probe: ReadinessProbe, endpoint: CoapEndpoint, deadline: number): Promise<void> {
  const client = SimulatedClient.over(endpoint, { server: probe.server, ...probe.register });
  let attempts = 0;
  let last = '';
  while (performance.now() < deadline) {
    throwIfEnded(probe, `it answered a Register on ${at(probe.server)}`);
    attempts++;
    const started = performance.now();
    const outcome = await client.register();
    if (outcome.response) {
      if (outcome.response.code === '2.01' && outcome.response.locationPath) await client.deregister(outcome.response.locationPath);
      return;
    }
    last = outcome.error;
    // A quick failure (a reset, a closed port) is retried after the time an unanswered one takes.
    await until(() => probe.control.processEnded !== undefined, { within: Math.max(0, Math.min(probe.transmission.ackTimeoutMs - (performance.now() - started), deadline - performance.now())) });
  }
  throwIfEnded(probe, `it answered a Register on ${at(probe.server)}`);
  throw new LaunchError(`no answer to a Register at ${at(probe.server)} within ${probe.withinMs / 1000} s (${attempts} Registers${last ? `; last: ${last}` : ''})`);
}
