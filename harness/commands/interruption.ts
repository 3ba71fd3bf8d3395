// SIGINT and SIGTERM during a run. The first stops the run in order: the case running ends
// with verdict error ("interrupted"), the target is stopped, temporary keys are deleted, the
// reports are written, and the exit code is 2. A second signal ends the process at once.
import { ExitCode } from '../errors.ts';
import type { CommandIO } from './io.ts';

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

/** Past this, a first signal ends the process anyway: an interrupted run ends within seconds. */
const orderlyStopMs = 20_000;

export class Interruption {
  private readonly controller = new AbortController();
  /** The signal that interrupted the run, once one did. */
  received: NodeJS.Signals | undefined;
  private readonly onSignal = (name: NodeJS.Signals) => this.handle(name);

  private constructor(private readonly io: CommandIO) {
    for (const name of stopSignals) process.on(name, this.onSignal);
  }

  /** Starts listening for SIGINT and SIGTERM, until the process ends (a late signal must not end it with 143 either). */
  static listen(io: CommandIO): Interruption {
    return new Interruption(io);
  }

  /** Aborted at the first signal. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get interrupted(): boolean {
    return this.received !== undefined;
  }

  private handle(name: NodeJS.Signals): void {
    if (this.received) {
      this.io.err(`${name} again: ending at once (the target and temporary keys are left to the case worker)`);
      process.exit(ExitCode.error);
    }
    this.received = name;
    this.io.err(`${name}: stopping the case running and the target, then writing the reports (${name} again ends at once)`);
    setTimeout(() => {
      this.io.err(`the run did not stop within ${orderlyStopMs / 1000} s of ${name}: ending now`);
      process.exit(ExitCode.error);
    }, orderlyStopMs).unref();
    this.controller.abort();
  }
}
