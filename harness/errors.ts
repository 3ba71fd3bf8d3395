// Usage and configuration errors and the exit codes: the suite's contract with CI systems
// (README "Exit codes"). A leaf every layer may import.

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
