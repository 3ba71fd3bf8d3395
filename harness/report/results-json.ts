// Writes results.json, the run report as stable, documented JSON, with its companion
// trace.jsonl: results.json keeps each case's checks and the datagrams they rest on
// (stored/kept-trace.ts), trace.jsonl every datagram in full. Written without indentation:
// it is read by machines, and indentation alone would make it half as large again.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from './run-report.ts';
import { storedCase } from './stored/kept-trace.ts';
import { writeTraceJsonl } from './stored/trace-jsonl.ts';

/** The report as results.json stores it. */
export function storedReport(report: RunReport): RunReport {
  return { ...report, cases: report.cases.map(storedCase) };
}

/** Writes DIR/results.json and DIR/trace.jsonl; returns both paths. */
export async function writeResultsJson(dir: string, report: RunReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'results.json');
  await writeFile(file, `${JSON.stringify(storedReport(report))}\n`);
  return [file, await writeTraceJsonl(dir, report)];
}
