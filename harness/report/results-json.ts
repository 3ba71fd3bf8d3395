// Writes results.json: the run report as stable, documented JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from './run-report.ts';

export async function writeResultsJson(dir: string, report: RunReport): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'results.json');
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
