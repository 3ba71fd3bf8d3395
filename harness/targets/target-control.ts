// Controls the target for a run: starts it (or expects it running), brings it to a case's
// starting state through its reboot driver or a process restart, and stops it at the end.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { expandPlaceholders, type PlaceholderValues } from './placeholders.ts';
import { LaunchError, LaunchedProcess, type OutputLine } from './process-launcher.ts';
import type { DriverName, Profile } from './profile.ts';

const run = promisify(exec);

export type ResetMethod = 'driver' | 'restart' | 'none';

export class TargetControl {
  private process: LaunchedProcess | undefined;

  constructor(
    private readonly profile: Profile,
    private readonly placeholders: PlaceholderValues,
  ) {}

  /** Starts a process target; an external target is expected to be running already. */
  async start(): Promise<void> {
    const launch = this.profile.launch;
    if (launch.kind !== 'process') return;
    const where = (field: string) => ({ file: this.profile.file, field: `launch.${field}` });
    const command = expandPlaceholders(launch.command, this.placeholders, where('command'));
    const args = launch.args.map((a, i) => expandPlaceholders(a, this.placeholders, where(`args[${i}]`)));
    this.process = await LaunchedProcess.start(command, args, {
      ...(launch.cwd ? { cwd: launch.cwd } : {}),
      ...(launch.env ? { env: launch.env } : {}),
    });
  }

  /** How `reset()` will bring the target to a fresh start. */
  get resetMethod(): ResetMethod {
    const launch = this.profile.launch;
    if (launch.kind === 'process' && launch.restart === 'per-case') return 'restart';
    if (this.profile.drivers.reboot) return 'driver';
    if (launch.kind === 'process') return 'restart';
    return 'none';
  }

  /** Makes the target start afresh (it will register again), as the case's starting state. */
  async reset(): Promise<ResetMethod> {
    const method = this.resetMethod;
    if (method === 'driver') await this.drive('reboot');
    else if (method === 'restart') {
      await this.process?.stop();
      await this.start();
    }
    return method;
  }

  /** Runs a driver from the profile. */
  async drive(name: DriverName): Promise<void> {
    const driver = this.profile.drivers[name];
    if (!driver) throw new LaunchError(`the profile has no "${name}" driver`);
    const where = { file: this.profile.file, field: `drivers.${name}` };
    if ('stdin' in driver) {
      if (!this.process) throw new LaunchError(`the "${name}" driver writes to stdin, but no process was launched`);
      this.process.writeLine(expandPlaceholders(driver.stdin, this.placeholders, where));
    } else {
      try {
        await run(expandPlaceholders(driver.shell, this.placeholders, where), { timeout: 30_000 });
      } catch (error) {
        throw new LaunchError(`the "${name}" driver's command failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }

  /** Whether a launched process has ended on its own, and how. */
  get processEnded(): string | undefined {
    return this.process && !this.process.running ? this.process.exitDescription : undefined;
  }

  output(sinceMs = 0): OutputLine[] {
    return this.process?.lines(sinceMs) ?? [];
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
