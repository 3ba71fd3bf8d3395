// Reads the results.json of a report directory for the commands that join or compare runs
// (merge-reports, matrix). A directory without it, or with something else in it, is the
// user's mistake: one line naming the file and what is wrong (exit 3). With `traces`, each
// case's whole trace is joined back from trace.jsonl (results.json keeps only part of it);
// a results.json of schema version 1 already holds every datagram.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import type { CaseResult } from '../run/result.ts';
import { resultsSchemaVersion, type RunReport } from './run-report.ts';
import { readTraceJsonl } from './stored/trace-jsonl.ts';

export interface ReportInput {
  /** The directory as the user gave it (reports name it so). */
  dir: string;
  report: RunReport;
}

/** Versions this tool reads: 1 kept every datagram in results.json, 2 keeps the rest in trace.jsonl. */
const readableVersions: readonly number[] = [1, resultsSchemaVersion];

export async function readResults(dir: string, options: { traces?: boolean } = {}): Promise<ReportInput> {
  const file = join(dir, 'results.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file (not a report directory of run)' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UsageError(`${file}: ${why}`);
  }
  let report: Partial<Omit<RunReport, 'schemaVersion'>> & { schemaVersion?: number };
  try {
    report = JSON.parse(text) as typeof report;
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!report || typeof report !== 'object' || !readableVersions.includes(report.schemaVersion as number)) {
    throw new UsageError(`${file}: not results.json of schema version ${readableVersions.join(' or ')}`);
  }
  // The parts the joining commands rely on; the rest is carried as it is.
  if (!Array.isArray(report.cases) || !report.profile || typeof report.profile.name !== 'string' || !Array.isArray(report.harnessErrors)) {
    throw new UsageError(`${file}: incomplete results.json (needs profile, harnessErrors and cases)`);
  }
  let cases = report.cases;
  if (options.traces && report.schemaVersion !== 1) {
    const traces = await readTraceJsonl(dir);
    cases = cases.map(({ traceOmitted: _omitted, ...c }): CaseResult => ({ ...c, trace: traces.get(c.id) ?? [] }));
  }
  // Read in the current version: a version 1 report differs only in keeping every datagram.
  return { dir, report: { ...(report as RunReport), schemaVersion: resultsSchemaVersion, cases } };
}
