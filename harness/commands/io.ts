// What every CLI command gets and returns: output sinks and an exit code.
// Exit codes are the suite's contract with CI systems (README "Exit codes").

export interface CommandIO {
  /** Normal output (results, decoded payloads). */
  out(text: string): void;
  /** Diagnostics: progress, warnings, error messages. */
  err(text: string): void;
}

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

export const processIO: CommandIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
