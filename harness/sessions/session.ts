// What a session gives the case runner: the target, the peers that face it, its drivers, and a
// way to bring the target to a case's starting state. Client and server sessions implement it.
import type { TraceRecorder } from '../coap/trace.ts';
import type { ReferenceServer } from '../peers/server/reference-server.ts';
import type { ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import type { SecureAccounts } from './secure-accounts.ts';
import type { DeviceFactory } from './server-session.ts';
import type { DriverName } from '../targets/driver-spec.ts';
import type { TargetView } from '../targets/target-view.ts';

/** What a session needs to know of a case to prepare the target for it. */
export interface CaseStart {
  readonly interface: string;
  /** 'factory' brings back the un-provisioned state (ETS C.13); the default is a reboot. */
  readonly reset?: 'reboot' | 'factory';
}

export interface CaseEnvironment {
  readonly target: TargetView;
  readonly trace: TraceRecorder;
  readonly server?: ReferenceServer;
  readonly bootstrap?: ReferenceBootstrapServer;
  readonly secureAccounts?: SecureAccounts;
  /** Simulated clients, when the target is a server. */
  readonly deviceFactory?: DeviceFactory;
  /** Runs one of the profile's drivers on the target under test, when the run can. */
  drive?(name: DriverName): Promise<void>;
  /** Brings the target into the case's starting state (e.g. rebooted, about to register). */
  prepare(start: CaseStart, signal: AbortSignal): Promise<void>;
  /** Overall deadline of one case body, ms. */
  readonly caseDeadlineMs: number;
  /** Running total of the time spent waiting for the target, ms. */
  waitedMs(): number;
}
