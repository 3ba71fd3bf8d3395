// What every CLI command gets: output sinks. Exit codes and usage errors live in ../errors.ts.

export interface CommandIO {
  /** Normal output (results, decoded payloads). */
  out(text: string): void;
  /** Diagnostics: progress, warnings, error messages. */
  err(text: string): void;
}

export const processIO: CommandIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
