// Controls the target for a run: starts it (a process, a container, or nothing when it is
// already running), brings it to a case's starting state through its reboot driver or a
// restart, runs its drivers, and stops it at the end.
import { startContainer, type StartedContainerTarget } from './container-launcher.ts';
import type { Driver, DriverName } from './driver-spec.ts';
import { splitValues, type DriverValues } from './driver-payload.ts';
import { expandPlaceholders, type PlaceholderValues } from './placeholders.ts';
import { LaunchError, LaunchedProcess, masked, type OutputLine } from './process-launcher.ts';
import type { Profile } from './profile.ts';
import { runDriver } from './run-driver.ts';
import { setTimeout as delay } from 'node:timers/promises';

export type ResetMethod = 'driver' | 'restart' | 'none';

export class TargetControl {
  private process: LaunchedProcess | undefined;
  private container: StartedContainerTarget | undefined;
  /** What drivers captured from the target's output ({client.id}), for the drivers after them. */
  private readonly captured: Record<string, string> = {};

  constructor(
    private readonly profile: Profile,
    private readonly placeholders: PlaceholderValues,
    /** Placeholder values (a key in hex, an API token) masked in the command line, output and driver errors kept for reports. */
    private readonly secrets: readonly string[] = [],
  ) {}

  private outputListener: ((line: OutputLine) => void) | undefined;

  /** Hands every line the target prints from now on, secrets masked, to `listener` (the run's output log). */
  onOutput(listener: (line: OutputLine) => void): void {
    this.outputListener = listener;
  }

  /** Each line as it arrives, masked here too: a container's log is not masked where it is read. */
  private readonly forward = (line: OutputLine) => this.outputListener?.({ ...line, text: masked(line.text, this.secrets.filter((s) => s !== '')) });

  /** When the launched target was last started (performance.now()): what arrived before came from an earlier process. */
  startedAtMs = 0;

  /** Starts a process or container target; an external target is expected to be running. */
  async start(): Promise<void> {
    this.startedAtMs = performance.now();
    const launch = this.profile.launch;
    const expand = (text: string, field: string) => expandPlaceholders(text, this.placeholders, { file: this.profile.file, field: `launch.${field}` });
    if (launch.kind === 'process') {
      this.process = await LaunchedProcess.start(
        expand(launch.command, 'command'),
        launch.args.map((a, i) => expand(a, `args[${i}]`)),
        { ...(launch.cwd ? { cwd: launch.cwd } : {}), ...(launch.env ? { env: launch.env } : {}), secrets: this.secrets, onLine: this.forward },
      );
    } else if (launch.kind === 'container') {
      this.container = await startContainer(launch, launch.command.map((a, i) => expand(a, `command[${i}]`)), this.forward);
    }
  }

  /** How `reset()` will bring the target to a fresh start. */
  get resetMethod(): ResetMethod {
    const launch = this.profile.launch;
    const restartable = launch.kind === 'process' || launch.kind === 'container';
    if (restartable && launch.restart === 'per-case') return 'restart';
    if (this.profile.drivers.reboot) return 'driver';
    if (launch.kind === 'process') return 'restart';
    return 'none';
  }

  /** Makes the target start afresh (it will register again), as the case's starting state. */
  async reset(): Promise<ResetMethod> {
    const method = this.resetMethod;
    if (method === 'driver') await this.drive('reboot');
    else if (method === 'restart') await this.restart();
    return method;
  }

  /** Stops the launched target and starts it again, launch.startDelay apart (some devices must not restart at once). */
  async restart(): Promise<void> {
    await this.stop();
    const launch = this.profile.launch;
    const startDelayS = launch.kind === 'external' ? undefined : launch.startDelayS;
    if (startDelayS) await delay(startDelayS * 1000);
    await this.start();
  }

  has(name: DriverName): boolean {
    return this.profile.drivers[name] !== undefined;
  }

  /** Runs a driver from the profile; `values` fill its extra placeholders (e.g. {path}, {payload}). Returns its output. */
  async drive(name: DriverName, values: DriverValues = {}): Promise<string> {
    const driver = this.profile.drivers[name];
    if (!driver) throw new LaunchError(`the profile has no "${name}" driver`);
    // A driver's error names its URL or command, and its output may echo the request: secrets masked in both.
    const secrets = this.secrets.filter((s) => s !== '');
    try {
      return masked(await this.run(name, driver, values), secrets);
    } catch (error) {
      if (error instanceof Error) {
        error.message = masked(error.message, secrets);
        if (error.stack) error.stack = masked(error.stack, secrets);
      }
      throw error;
    }
  }

  private run(name: DriverName, driver: Driver, values: DriverValues): Promise<string> {
    const process = this.process;
    const { placeholders, payloads } = splitValues(values);
    return runDriver(driver, {
      name,
      profileFile: this.profile.file,
      placeholders: { ...this.placeholders, ...this.captured, ...placeholders },
      payloads,
      // The process as it is when each step runs: a restart step before it replaces the process.
      ...(process ? { writeLine: (line: string) => (this.process ?? process).writeLine(line), output: (sinceMs: number) => (this.process ?? process).lines(sinceMs) } : {}),
      capture: (found) => Object.assign(this.captured, found),
      ...(this.profile.launch.kind !== 'external' ? { restart: () => this.restart() } : {}),
    });
  }

  /** Whether a launched process has ended on its own, and how. */
  get processEnded(): string | undefined {
    return this.process && !this.process.running ? this.process.exitDescription : undefined;
  }

  output(sinceMs = 0): OutputLine[] {
    return this.process?.lines(sinceMs) ?? this.container?.lines(sinceMs) ?? [];
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    await this.container?.stop();
    this.container = undefined;
  }
}
