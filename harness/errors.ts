// Errors every layer may raise, and the exit codes (the suite's contract with CI systems, README
// "Exit codes"). A leaf: it imports nothing of ours.

export const ExitCode = {
  /** All cases pass or are not applicable; a command succeeded. */
  ok: 0,
  /** Some case failed or was inconclusive; a decode found the input invalid. */
  failed: 1,
  /** The harness or the environment broke. */
  error: 2,
  /** Bad usage or configuration (flags, profile, object XML). */
  usage: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad user input: reported as a one-line message naming what is wrong, exit code 3. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The environment refused what a command needs (a port in use, an address not on this host):
 * reported as one line naming what and where, exit code 2, never a stack trace.
 */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

// Signals that end a case early. Each maps to a verdict without blaming the wrong party: a
// stopped case keeps the verdict of its checks, an unmet precondition is inconclusive, and
// anything else thrown is the harness's own error.

/** A required check failed; later steps cannot run. The verdict comes from the checks. */
export class CaseStopped extends Error {
  override readonly name = 'CaseStopped';
}

/** The target could not be brought into the state the case needs (e.g. it never registered). */
export class Inconclusive extends Error {
  override readonly name = 'Inconclusive';
}

/**
 * A request of the harness went unanswered through all its retransmissions: the network (or the
 * target's link) lost it as likely as the target ignored it, so the case is inconclusive, never failed.
 */
export class NoAnswer extends Inconclusive {
  constructor(request: string, transmissions: number) {
    super(`network: no answer after ${transmissions} transmissions (${request})`);
  }
}

/** The harness or its environment broke (socket, launcher, missing peer). Never the target's fault. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

/** The run was interrupted (SIGINT, SIGTERM): the case running stops at once, with verdict error. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor() {
    super('interrupted');
  }
}
