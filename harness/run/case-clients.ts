// The simulated LwM2M clients a case uses against a server under test (`ctx.clients`): new
// clients on fresh ports, clients that bootstrap from the target, and lifetimes let pass. The
// harness closes them when the case ends.
import type { SimulatedBootstrapClient } from '../peers/clients/simulated-bootstrap-client.ts';
import type { SimulatedClient } from '../peers/clients/simulated-client.ts';
import type { SimulatedClients } from '../sessions/session.ts';

export type { RegisterSpec, ServerRequest, SimulatedClient } from '../peers/clients/simulated-client.ts';
export type { SimulatedBootstrapClient } from '../peers/clients/simulated-bootstrap-client.ts';
export { c1ObjectList } from '../peers/clients/simulated-client.ts';
export { consistencyProblem } from '../peers/device/accounts.ts';

export interface CaseClients {
  /** A new client of the target on a port of its own, not yet registered. */
  create(options?: { name?: string }): Promise<SimulatedClient>;
  /** A client in ETS configuration C.13 that bootstraps from the target (bootstrap servers under test). */
  bootstrapClient(options?: { name?: string }): Promise<SimulatedBootstrapClient>;
  /**
   * Waits until a monotonic time (performance.now() scale): the lifetimes a server case must let
   * pass, which nothing on the wire can end early. Counted as time spent on the target.
   */
  waitUntil(atMs: number, signal?: AbortSignal): Promise<void>;
}

export function caseClients(factory: SimulatedClients, signal: AbortSignal): CaseClients {
  return {
    create: (options) => factory.create(options),
    bootstrapClient: (options) => factory.bootstrapClient(options),
    waitUntil: (atMs, wait = signal) => factory.waitUntil(atMs, wait),
  };
}
