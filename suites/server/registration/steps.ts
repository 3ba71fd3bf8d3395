// Steps the server-registration cases share: a simulated client that registers, and checks of
// what the server answered.
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Exchange, RegisterSpec, SimulatedClient } from '../../../harness/peers/probe/simulated-client.ts';

/** Where the judged response sits in the trace. */
export const at = (exchange: Exchange) => (exchange.seq !== undefined ? { at: exchange.seq } : {});

/** The response code, or what happened instead ("no response: …"). */
export const codeOf = (exchange: Exchange) => exchange.response?.code ?? `no response: ${exchange.error}`;

/** A registered simulated client (precondition: the server accepts a well-formed Register). */
export async function registeredClient(ctx: CaseContext, spec: RegisterSpec = {}): Promise<{ client: SimulatedClient; location: string }> {
  const client = await ctx.devices.create();
  const reg = await client.register(spec);
  ctx.precondition(
    reg.response?.code === '2.01' && reg.response.locationPath !== '',
    `the server did not accept a well-formed Register (${codeOf(reg)})`,
  );
  ctx.note(`${client.name} registered at ${reg.response!.locationPath} (lt=${spec.lt ?? 86400})`);
  return { client, location: reg.response!.locationPath };
}

/** Lets `ms` pass since `from` (a monotonic time): the lifetime clocks these cases test. */
export function untilTime(ctx: CaseContext, from: number, ms: number): Promise<void> {
  return ctx.devices.waitUntil(from + ms, ctx.signal);
}
