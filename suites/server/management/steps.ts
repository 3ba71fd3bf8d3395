// Steps the server-driven cases share: make the server under test act through its driver, and
// catch the request it then sends to a registered simulated client.
import type { CaseContext, DriverValues } from '../../../harness/run/context.ts';
import type { ServerRequest, SimulatedClient } from '../../../harness/run/case-clients.ts';
import { HarnessError } from '../../../harness/errors.ts';
import { registeredClient } from '../registration/steps.ts';

export type ServerDriver = 'read' | 'write' | 'execute' | 'observe' | 'cancel-observe' | 'discover' | 'create' | 'delete';

/**
 * Runs the driver and returns the first request the server sent to the client afterwards
 * (A: it arrives within the response deadline). A driver that fails is the harness's error.
 */
export async function driveAndCatch(
  ctx: CaseContext,
  client: SimulatedClient,
  driver: ServerDriver,
  values: DriverValues,
): Promise<ServerRequest> {
  const since = client.received.position();
  const driving = ctx.drive(driver, { endpoint: client.name, ...values }).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  const within = ctx.target.timing.responseWithinMs;
  const request = await client.nextRequest(since, within);
  const failure = await driving;
  if (!request && failure) throw new HarnessError(`the "${driver}" driver failed: ${failure.message}`);
  return ctx.arrived('A', 'MUST', `The server sends its request to the client after the "${driver}" driver`, request, within, (r) => `${r.request.method} ${r.request.path}`);
}

export { registeredClient };

/** The request's trace position, for anchoring checks. */
export const on = (r: ServerRequest) => ({ at: r.seq });
