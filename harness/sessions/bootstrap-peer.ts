// The reference bootstrap server of a session that tests a client: it knows the target's
// endpoint and provisions it with the ETS C.13 result (the C.1 server account on the harness's
// reference server: NoSec, or with the PSK the reference server accepts), in the first write
// format the profile claims (TLV, SenML CBOR, SenML JSON). The key it writes is concealed in the trace.
import type { TraceRecorder } from '../coap/trace.ts';
import type { WaitClock } from '../peers/wait-clock.ts';
import { ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import { c13Configuration, secretOf, type AccountSecurity } from '../peers/bootstrap/configurations.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';

/** The write format a client claims: TLV (mandatory up to 1.1), else SenML CBOR, else SenML JSON. */
export function bootstrapFormatOf(formats: readonly string[]): number {
  if (formats.includes('tlv')) return 11542;
  if (formats.includes('senml-cbor')) return 112;
  if (formats.includes('senml-json')) return 110;
  return 11542;
}

export function startBootstrapPeer(target: ResolvedTarget, trace: TraceRecorder, clock: WaitClock, serverUri: string, account?: AccountSecurity): Promise<ReferenceBootstrapServer> {
  if (account) trace.conceal(secretOf(account));
  const { profile } = target;
  return ReferenceBootstrapServer.start({
    address: profile.harness.address,
    port: profile.harness.bootstrapPort,
    params: target.transmission,
    trace,
    clock,
    configurations: new Map([[profile.target.endpoint, c13Configuration(serverUri, 86400, account)]]),
    format: bootstrapFormatOf(profile.features.formats),
    ...(target.impairment ? { impairment: target.impairment } : {}),
  });
}
