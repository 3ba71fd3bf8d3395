// The report directory: created, and proved writable, before the first case runs, so that a
// run never ends with results it cannot keep.
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** The report directory cannot be created or written: one line naming it and why. */
export class ReportDirError extends Error {
  override readonly name = 'ReportDirError';
  constructor(readonly dir: string, reason: string) {
    super(`cannot write the reports to ${dir}: ${reason}`);
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Creates `dir` and its missing parents one at a time. Node's recursive mkdir loops without end
 * where a parent exists but refuses children with ENOENT (under /proc), so it is not used.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    try {
      const found = await stat(at);
      if (!found.isDirectory()) throw new ReportDirError(dir, `${at} is not a directory`);
      break;
    } catch (error) {
      if (error instanceof ReportDirError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw new ReportDirError(dir, reasonOf(error));
      missing.unshift(at);
    }
  }
  for (const at of missing) {
    try {
      await mkdir(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new ReportDirError(dir, reasonOf(error));
    }
  }
}

/** Creates the report directory and writes and removes a probe file in it; throws ReportDirError. */
export async function prepareReportDir(dir: string): Promise<void> {
  await makeDirectory(dir);
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    throw new ReportDirError(dir, reasonOf(error));
  }
}
