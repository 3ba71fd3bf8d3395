// Writes every file of a run's report directory from the run report: results.json with
// trace.jsonl, junit.xml, index.html and trace.pcapng (allure-results/ is written by allure-vitest while the
// cases run). Returns the files written, for the console. Payloads in index.html are decoded with
// `model`: the built-in objects plus the user's definitions, when given.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectModel } from '../lwm2m/model/index.ts';
import { reportHtml } from './html/page.ts';
import { writeJUnit } from './junit.ts';
import { writePcapng } from './pcapng.ts';
import { makeDirectory } from './report-dir.ts';
import type { RunReport } from './run-report.ts';
import { writeResultsJson } from './results-json.ts';

export async function writeReports(dir: string, report: RunReport, model?: ObjectModel): Promise<string[]> {
  await makeDirectory(dir);
  const html = join(dir, 'index.html');
  await writeFile(html, reportHtml(report, model));
  return [...(await writeResultsJson(dir, report)), await writeJUnit(dir, report), html, await writePcapng(dir, report)];
}
