// Reads the results.json of a report directory for the commands that join or compare runs
// (merge-reports, matrix). A directory without it, or with something else in it, is the
// user's mistake: one line naming the file and what is wrong (exit 3).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { resultsSchemaVersion, type RunReport } from './run-report.ts';

export interface ReportInput {
  /** The directory as the user gave it (reports name it so). */
  dir: string;
  report: RunReport;
}

export async function readResults(dir: string): Promise<ReportInput> {
  const file = join(dir, 'results.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file (not a report directory of run)' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UsageError(`${file}: ${why}`);
  }
  let report: Partial<RunReport>;
  try {
    report = JSON.parse(text) as Partial<RunReport>;
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!report || typeof report !== 'object' || report.schemaVersion !== resultsSchemaVersion) {
    throw new UsageError(`${file}: not results.json of schema version ${resultsSchemaVersion}`);
  }
  // The parts the joining commands rely on; the rest is carried as it is.
  if (!Array.isArray(report.cases) || !report.profile || typeof report.profile.name !== 'string' || !Array.isArray(report.harnessErrors)) {
    throw new UsageError(`${file}: incomplete results.json (needs profile, harnessErrors and cases)`);
  }
  return { dir, report: report as RunReport };
}
