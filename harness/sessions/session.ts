// What a session gives the case runner: the target, the peers that face it, its drivers, and a
// way to bring the target to a case's starting state. Client and server sessions implement it.
import type { TraceRecorder } from '../coap/trace.ts';
import type { ReferenceServer } from '../peers/server/reference-server.ts';
import type { ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import type { SecureAccounts } from './secure-accounts.ts';
import type { SecondServer } from './second-server.ts';
import type { SimulatedClient } from '../peers/clients/simulated-client.ts';
import type { SimulatedBootstrapClient } from '../peers/clients/simulated-bootstrap-client.ts';
import type { DriverName } from '../targets/driver-spec.ts';
import type { DriverValues } from '../targets/driver-payload.ts';
import type { TargetView } from '../targets/target-view.ts';
import type { LearnedAccount } from './server-account.ts';

/**
 * Datagram records a run's trace keeps, and events each of its peers keeps: a full run of the
 * bundled device makes about 2,400 records, and its largest case under 70; the bound is there
 * for a target that floods the harness.
 */
export const runHistoryLimit = 50_000;

export interface SessionOptions {
  /** Records and events kept (default runHistoryLimit); the oldest are dropped first. */
  historyLimit?: number;
}

/** What a session needs to know of a case to prepare the target for it. */
export interface CaseStart {
  readonly interface: string;
  /** 'factory' brings back the un-provisioned state (ETS C.13); the default is a reboot. */
  readonly reset?: 'reboot' | 'factory';
  /** The case provisions the device's accounts itself through the bootstrap server, as the bootstrap cases do (ETS C.14). */
  readonly provisions?: boolean;
  /** Called at the moment the case starts, before the target is reset: what the peers see from then on is the case's. */
  started?(): void;
  /** Adds a note to the case's report: what the preparation did that a reader should know. */
  note?(text: string): void;
}

/** Simulated clients a case creates; all closed when the case ends. */
export interface SimulatedClients {
  create(options?: { name?: string }): Promise<SimulatedClient>;
  /** A client in ETS configuration C.13 that bootstraps from the target (bootstrap servers under test). */
  bootstrapClient(options?: { name?: string }): Promise<SimulatedBootstrapClient>;
  /**
   * Waits until a monotonic time (performance.now() scale): the lifetimes a server case must let
   * pass, which nothing on the wire can end early. Counted as time spent on the target.
   */
  waitUntil(atMs: number, signal: AbortSignal): Promise<void>;
}

export interface CaseEnvironment {
  readonly target: TargetView;
  readonly trace: TraceRecorder;
  readonly server?: ReferenceServer;
  readonly bootstrap?: ReferenceBootstrapServer;
  readonly secureAccounts?: SecureAccounts;
  /** A second reference server (the multi-server cases), started on first use. */
  readonly secondServer?: SecondServer;
  /** Simulated clients, when the target is a server. */
  readonly clients?: SimulatedClients;
  /** The device's server account as the session learned it (sessions that test a client). */
  serverAccount?(): LearnedAccount;
  /** Runs one of the profile's drivers on the target under test, when the run can; returns its output. */
  drive?(name: DriverName, values?: DriverValues): Promise<string>;
  /** Brings the target into the case's starting state (e.g. rebooted, about to register). */
  prepare(start: CaseStart, signal: AbortSignal): Promise<void>;
  /**
   * Why the reset that prepared the case did not take (its driver ran, and the device sent no
   * Register or Bootstrap-Request by the deadline, or kept its server account through a factory
   * reset); undefined when it took, or no reset driver ran. Waits out the rest of the deadline.
   * With `silenceJudged` (the case judges that the device reacts at all), only a kept account counts.
   */
  resetNotTaken?(options?: { silenceJudged?: boolean }): Promise<string | undefined>;
  /** Overall deadline of one case body, ms. */
  readonly caseDeadlineMs: number;
  /** Running total of the time spent waiting for the target, ms. */
  waitedMs(): number;
}
