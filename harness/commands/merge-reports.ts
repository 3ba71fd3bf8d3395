// `lwm2m-conformance merge-reports DIR... --out DIR`: joins the report directories of a sharded
// run (or of runs of one target with different selections) into one report set, and exits as
// the unsharded run would have: 0 all pass, 1 a failure, 2 an error verdict or harness error.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allCases } from '../../suites/index.ts';
import { BaselineError, compareWithBaseline, describeFailure, readBaseline } from '../report/baseline.ts';
import { colourEnabled, paintFor } from '../report/colour.ts';
import { failureLines, summaryLines } from '../report/console.ts';
import { exitCodeOf, hasFailures } from '../report/exit-code.ts';
import { joinAllureResults } from '../report/merge/allure-results.ts';
import { mergeReports } from '../report/merge/merge-reports.ts';
import { readResults } from '../report/read-results.ts';
import { prepareReportDir, ReportDirError } from '../report/report-dir.ts';
import { writeReports } from '../report/write-reports.ts';
import { ExitCode, UsageError } from '../errors.ts';
import type { CommandIO } from './io.ts';
import { helpText, usageText } from './help/command-help.ts';
import { mergeReportsHelp } from './help/merge-reports.ts';

/** The flags merge-reports parses: its help (help/merge-reports.ts) documents each. */
export const mergeReportsOptions = {
  out: { type: 'string' },
  baseline: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Catalogue position by what a case tests and its id (ids are unique per role). */
const catalogue = new Map(allCases.map((c, i) => [`${c.tests}\u0000${c.id}`, i]));

export async function mergeReportsCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: mergeReportsOptions,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(helpText(mergeReportsHelp));
    return ExitCode.ok;
  }
  if (positionals.length === 0) throw new UsageError(`merge-reports: give the report directories to join\n${usageText(mergeReportsHelp)}`);
  if (!values.out) throw new UsageError(`merge-reports: --out DIR is required\n${usageText(mergeReportsHelp)}`);
  const out = resolve(values.out);
  const seen = new Map<string, string>();
  for (const dir of positionals) {
    const earlier = seen.get(resolve(dir));
    if (earlier !== undefined) throw new UsageError(`merge-reports: ${dir} is given twice${earlier !== dir ? ` (also as ${earlier})` : ''}`);
    seen.set(resolve(dir), dir);
  }
  // Writing over an input would destroy the report it is made from.
  if (seen.has(out)) throw new UsageError(`merge-reports: --out ${values.out} is one of the reports to join; choose another directory`);

  // The joined pcapng, page and junit.xml show every datagram: the traces come from trace.jsonl.
  const inputs = await Promise.all(positionals.map((dir) => readResults(dir, { traces: true })));
  let report;
  try {
    report = mergeReports(inputs, (c) => catalogue.get(`${c.tests}\u0000${c.id}`));
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`merge-reports: ${error.message}`);
    throw error;
  }
  const versions = new Set(inputs.map((i) => i.report.tool.version));
  if (versions.size > 1) io.err(`warning: the reports were written by different versions of lwm2m-conformance (${[...versions].join(', ')})`);

  const baselineFile = values.baseline ? resolve(values.baseline) : undefined;
  let baseline;
  try {
    baseline = baselineFile ? await readBaseline(baselineFile) : undefined;
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(`--baseline ${error.message}`);
    throw error;
  }
  if (baselineFile && !baseline) throw new UsageError(`--baseline ${baselineFile}: no such file`);

  const paint = paintFor(colourEnabled(process.stdout.isTTY));
  for (const line of [...(values.quiet ? [] : failureLines(report, paint)), ...summaryLines(report, paint)]) io.out(line);
  const joined = report.shards!.map((s) => (s.shard ? `${s.shard.index}/${s.shard.count}` : s.dir)).join(', ');
  io.out(`joined ${report.shards!.length} report(s): ${joined}`);

  let files: string[];
  try {
    await prepareReportDir(out);
    files = await writeReports(out, report);
    if (await joinAllureResults(positionals, out)) files.push(`${out}/allure-results/`);
  } catch (error) {
    io.err(`error: ${error instanceof ReportDirError ? error.message : `cannot write the reports to ${out}: ${(error as Error).message}`}`);
    return ExitCode.error;
  }
  io.out(values.quiet ? `reports: ${out}` : `reports: ${out}\n${files.map((f) => `  ${f}`).join('\n')}`);

  let failed = hasFailures(report);
  if (baseline && baselineFile && !report.interrupted) {
    const comparison = compareWithBaseline(baseline, report.cases);
    io.out(`baseline: ${comparison.known.length} known failure(s), ${comparison.newFailures.length} new, ${comparison.stale.length} stale (${baselineFile})`);
    for (const f of comparison.newFailures) io.out(`  new failure: ${describeFailure(f)}`);
    for (const f of comparison.stale) io.out(`  stale entry (no longer fails): ${describeFailure(f)}`);
    failed = comparison.newFailures.length > 0 || comparison.stale.length > 0;
  }
  return exitCodeOf(report, failed);
}
