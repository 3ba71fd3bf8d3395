// The API a case body sees: record checks, require what later steps depend on, declare
// preconditions, and reach the harness's peers (through facades scoped to the case), the wire
// trace, the target's profile and the device's configuration.
import { describeExpectation, expect, satisfies, type Expectation } from './expectation.ts';
import { CaseStopped, HarnessError, Inconclusive } from '../errors.ts';
import type { CheckResult, ConfigurationNote } from './result.ts';
import type { Level } from './verdict.ts';
import type { ReferenceServer } from '../peers/server/reference-server.ts';
import type { ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import type { SecureAccounts } from '../sessions/secure-accounts.ts';
import type { TargetView } from '../targets/target-view.ts';
import type { SimulatedClients } from '../sessions/session.ts';
import type { DriverName } from '../targets/driver-spec.ts';
import type { DriverValues } from '../targets/driver-payload.ts';
import type { TraceRecorder } from '../coap/trace.ts';
import { caseServer, type CaseServer } from './case-server.ts';
import { caseBootstrap, type CaseBootstrap } from './case-bootstrap.ts';
import { caseSecureAccounts, type CaseSecureAccounts } from './case-secure-accounts.ts';
import { caseSecondServer, type CaseSecondServer } from './case-second-server.ts';
import type { SecondServer } from '../sessions/second-server.ts';
import { caseClients, type CaseClients } from './case-clients.ts';
import { caseTrace, type CaseTrace } from './case-trace.ts';
import { deviceConfigurationOf, type DeviceConfiguration } from './case-device.ts';
import type { LearnedAccount } from '../sessions/server-account.ts';

export type { DriverName } from '../targets/driver-spec.ts';
export type { DriverPayload, DriverValues } from '../targets/driver-payload.ts';

export interface CheckOptions {
  /** Specification clause the check enforces, when it differs from the case's. */
  ref?: string;
  /** Trace sequence number of the message judged. */
  at?: number;
}

export interface CaseContext {
  /** The target as the profile describes it: endpoint, version, timing, features. */
  readonly target: TargetView;
  /** The device under test as cases address it: its server account and claimed formats (cases that test a client). */
  readonly device: DeviceConfiguration;
  /** The harness's reference LwM2M server (cases that test a client; a bootstrap server's provisioned server). */
  readonly server: CaseServer;
  /** The harness's reference bootstrap server (cases that test a client's bootstrap). */
  readonly bootstrap: CaseBootstrap;
  /** Secured server accounts (DTLS listeners and their credentials) the bootstrap server can provision (int-1, int-2). */
  readonly secureAccounts: CaseSecureAccounts;
  /** A second reference LwM2M server the device can hold an account on (the multi-server cases, ETS C.14). */
  readonly secondServer: CaseSecondServer;
  /** Simulated LwM2M clients of the target (cases that test a server). */
  readonly clients: CaseClients;
  /** The wire trace of the case's peers: datagrams and DTLS events. */
  readonly trace: CaseTrace;
  /** Aborted when the case's overall deadline passes; long waits should honour it. */
  readonly signal: AbortSignal;
  /** Records a check; returns whether it held. */
  check(id: string, level: Level, description: string, actual: unknown, expected: Expectation, options?: CheckOptions): boolean;
  /** Records a check; when it fails the case stops here (later steps depend on it). */
  require(id: string, level: Level, description: string, actual: unknown, expected: Expectation, options?: CheckOptions): void;
  /**
   * Requires that something arrived by its deadline: passes with the thing, or fails with
   * "nothing within N ms" and stops the case.
   */
  arrived<T extends { seq?: number }>(id: string, level: Level, description: string, value: T | undefined, withinMs: number, summary?: (value: T) => unknown): T;
  /**
   * The case needs `value` (a truthy condition or something that arrived); without it the
   * target is not in the state the case needs, and the case is inconclusive, saying why.
   */
  precondition<T>(value: T, description: string): Exclude<T, false | null | undefined | 0 | ''>;
  /**
   * Runs one of the profile's drivers on the target under test (e.g. 'reboot' on a device,
   * 'read' with {endpoint, path} on a server) and returns its output; the case names it in
   * `requires` ('driver:reboot'). A payload given as LwM2M nodes ({ nodes, path }) reaches the
   * driver in the format it declares. A driver that fails is the harness's error.
   */
  drive(name: DriverName, values?: DriverValues): Promise<string>;
  /** A line for the report: what the harness did or saw. */
  note(text: string): void;
  /** An ETS configuration value the target holds differently and the case does not depend on: reported once per run. */
  configurationNote(note: ConfigurationNote): void;
  /** Work to do when the case ends, whatever its verdict (e.g. restoring a value the case wrote); runs in reverse order. */
  afterCase(undo: () => Promise<void>): void;
  /** Milliseconds since the case started. */
  elapsedMs(): number;
}

export interface RecordedContext extends CaseContext {
  readonly checks: CheckResult[];
  readonly notes: string[];
  readonly configurationNotes: ConfigurationNote[];
  /** Runs what the case registered with afterCase, newest first; a failure is noted, not thrown. */
  runAfterCase(): Promise<void>;
  /** Marks the case's start on the peers' events (the session calls it before it resets the target): waits without `since` look from here. */
  markStart(): void;
}

export function createCaseContext(deps: {
  target: TargetView;
  server?: ReferenceServer;
  bootstrap?: ReferenceBootstrapServer;
  secureAccounts?: SecureAccounts;
  secondServer?: SecondServer;
  clients?: SimulatedClients;
  trace?: TraceRecorder;
  drive?: (name: DriverName, values?: DriverValues) => Promise<string>;
  /** The device's server account as the session learned it; read when a case first addresses it. */
  serverAccount?: () => LearnedAccount;
  signal: AbortSignal;
  startedAt: number;
}): RecordedContext {
  const checks: CheckResult[] = [];
  const notes: string[] = [];
  const configurationNotes: ConfigurationNote[] = [];
  const undos: (() => Promise<void>)[] = [];
  const elapsedMs = () => Math.round(performance.now() - deps.startedAt);
  let device: DeviceConfiguration | undefined;
  const server = deps.server && caseServer(deps.server, deps.signal, (text) => notes.push(text));
  const bootstrap = deps.bootstrap && caseBootstrap(deps.bootstrap, deps.signal, (text) => notes.push(text));
  const secureAccounts = deps.secureAccounts && caseSecureAccounts(deps.secureAccounts, deps.signal, (text) => notes.push(text));
  const secondServer = deps.secondServer && caseSecondServer(deps.secondServer, deps.signal, (text) => notes.push(text));
  const clients = deps.clients && caseClients(deps.clients, deps.signal);
  // Waits on the trace count as time spent on the target, as the server's own waits do.
  const trace = deps.trace && caseTrace(deps.trace, deps.server?.clock);

  const check: CaseContext['check'] = (id, level, description, actual, expected, options = {}) => {
    const held = satisfies(actual, expected);
    checks.push({
      id,
      level,
      verdict: held ? 'pass' : level === 'MUST' ? 'fail' : 'warning',
      description,
      expected: describeExpectation(expected),
      actual: actual === undefined ? null : actual,
      ...(options.ref !== undefined ? { ref: options.ref } : {}),
      ...(options.at !== undefined ? { at: options.at } : {}),
      atMs: elapsedMs(),
    });
    return held;
  };

  return {
    target: deps.target,
    // Built on first use: the session learns the account while it prepares the case, after this context exists.
    get device(): DeviceConfiguration {
      device ??= deviceConfigurationOf(deps.target, deps.serverAccount?.(), (text) => notes.push(text));
      return device;
    },
    get server(): CaseServer {
      return needed(server, 'the reference LwM2M server, which this run does not provide');
    },
    get bootstrap(): CaseBootstrap {
      return needed(bootstrap, 'the reference bootstrap server, which this run does not provide');
    },
    get secureAccounts(): CaseSecureAccounts {
      return needed(secureAccounts, 'secured server accounts, which only a run against a client provides');
    },
    get secondServer(): CaseSecondServer {
      return needed(secondServer, 'a second LwM2M server, which only a run against a client provides');
    },
    get clients(): CaseClients {
      return needed(clients, 'simulated clients, which only a run against a server provides');
    },
    get trace(): CaseTrace {
      return needed(trace, 'the wire trace, which this run does not record');
    },
    signal: deps.signal,
    checks,
    notes,
    configurationNotes,
    async runAfterCase() {
      for (const undo of undos.splice(0).reverse()) {
        try {
          await undo();
        } catch (error) {
          notes.push(`after the case: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
    markStart() {
      server?.markStart();
      bootstrap?.markStart();
    },
    check,
    require(id, level, description, actual, expected, options) {
      if (!check(id, level, description, actual, expected, options) && level === 'MUST') {
        throw new CaseStopped(`check ${id} failed: ${description}`);
      }
    },
    arrived(id, level, description, value, withinMs, summary) {
      const seconds = Number((withinMs / 1000).toFixed(3));
      if (value === undefined) {
        check(id, level, description, `nothing within ${seconds} s`, `received within ${seconds} s`);
        if (level === 'MUST') throw new CaseStopped(`check ${id} failed: ${description}`);
        throw new Inconclusive(`${description}: nothing within ${seconds} s, so the later checks could not run`);
      }
      const shown = summary ? summary(value) : 'received';
      check(id, level, description, shown, expect.that(`received within ${seconds} s`, () => true), value.seq !== undefined ? { at: value.seq } : {});
      return value;
    },
    precondition<T>(value: T, description: string) {
      if (!value) throw new Inconclusive(description);
      return value as Exclude<T, false | null | undefined | 0 | ''>;
    },
    async drive(name, values) {
      if (!deps.drive) throw new HarnessError(`this case drives the target ("${name}"), which this run cannot do`);
      return deps.drive(name, values);
    },
    note(text) {
      notes.push(text);
    },
    configurationNote(note) {
      if (!configurationNotes.some((n) => n.path === note.path)) configurationNotes.push(note);
    },
    afterCase(undo) {
      undos.push(undo);
    },
    elapsedMs,
  };
}

/** A part of the harness a case uses; without it the run cannot serve the case, which is the harness's error. */
function needed<T>(part: T | undefined, what: string): T {
  if (!part) throw new HarnessError(`this case needs ${what}`);
  return part;
}
