// `lwm2m-conformance run`: runs the selected cases against the profile's target, shows progress
// and one line per case as it finishes, a summary, and writes the report directory
// (results.json, trace.jsonl, junit.xml, index.html, trace.pcapng, allure-results/). The exit code says
// whether everything passed (0), something failed (1), the harness broke (2) or usage was bad
// (3); with --baseline, "failed" means a failure the baseline does not list, or a listed one
// that no longer happens. With --shard i/n it runs its share of the selection, and
// `merge-reports` joins the shards' reports into the run's.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
// The light catalogue, not the cases: the worker loads the selected ones, and only those.
import { modulePath, readCatalogue } from '../../suites/catalogue.ts';
import {
  BaselineError,
  compareWithBaseline,
  describeFailure,
  readBaseline,
  updatedBaseline,
  writeBaseline,
  type Baseline,
} from '../report/baseline.ts';
import { colourEnabled, paintFor } from '../report/colour.ts';
import { Progress } from '../report/progress.ts';
import { exitCodeOf, hasFailures } from '../report/exit-code.ts';
import { configurationNotesOf, resultsSchemaVersion, summarize, type RunReport } from '../report/run-report.ts';
import { prepareReportDir, ReportDirError } from '../report/report-dir.ts';
import { runHistoryLimit } from '../sessions/session.ts';
import { Interruption } from './interruption.ts';
import { selectCases } from '../run/selection.ts';
import { parseShard, shardCases } from '../run/shard.ts';
import { resolveTarget } from '../targets/resolve.ts';
import { impairmentSummary, withImpairmentFlags } from '../targets/impairment.ts';
import { selectionFlags, selectionFrom } from './selection-flags.ts';
import { type CommandIO } from './io.ts';
import { helpText, usageText } from './help/command-help.ts';
import { runHelp } from './help/run.ts';
import { ExitCode, UsageError } from '../errors.ts';

/** The reporting modules, loaded on first use (see run-reporting.ts). */
let reportingModules: Promise<typeof import('./run-reporting.ts')> | undefined;
const reporting = () => (reportingModules ??= import('./run-reporting.ts'));

const toolVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** --history-limit: datagram records and peer events a run keeps (default runHistoryLimit). */
function historyLimitOf(value: string | undefined): number {
  if (value === undefined) return runHistoryLimit;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`run: --history-limit must be a positive whole number, got "${value}"`);
  return n;
}

function timestampDir(date: Date): string {
  return date.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

/** The flags run parses; each is documented in help/run.ts. */
export const runOptions = {
  profile: { type: 'string' },
  ...selectionFlags,
  'report-dir': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'history-limit': { type: 'string' },
  impair: { type: 'string' },
  seed: { type: 'string' },
  objects: { type: 'string' },
  shard: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function loadBaseline(file: string, update: boolean): Promise<Baseline | undefined> {
  try {
    const baseline = await readBaseline(file);
    if (!baseline && !update) throw new UsageError(`--baseline ${file}: no such file (create it with --update-baseline)`);
    return baseline;
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(`--baseline ${error.message}`);
    throw error;
  }
}

export async function runCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: runOptions, strict: true });
  if (values.help) {
    io.out(helpText(runHelp));
    return ExitCode.ok;
  }
  if (!values.profile) throw new UsageError(`run: --profile FILE is required\n${usageText(runHelp)}`);
  if (values.quiet && values.verbose) throw new UsageError('run: --quiet and --verbose exclude each other');
  if (values['update-baseline'] && !values.baseline) throw new UsageError('run: --update-baseline needs --baseline FILE');
  // The runner (vitest) loads while the profile, the selection and the report directory are
  // prepared; a usage or profile error found meanwhile is still reported at once.
  const runner = import('../runner/vitest-runner.ts');
  runner.catch(() => {});
  // Loaded before any case runs, so a broken definition is a usage error at once.
  const objectsModel = values.objects !== undefined ? (await reporting()).modelFor(values.objects) : undefined;
  const shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  // A shard's run judges a part: rewriting the baseline from it would forget the other shards' failures.
  if (shard && values['update-baseline']) throw new UsageError('run: --update-baseline cannot be used with --shard (update it from an unsharded run)');
  const profileFile = resolve(values.profile);
  // The profile is read and resolved here, once: the case worker gets the result.
  const target = withImpairmentFlags(await resolveTarget(profileFile), values.impair, values.seed);
  const { profile } = target;
  // A run tests one target: only the cases written for its role (client, server) take part.
  const selected = selectCases(readCatalogue().filter((c) => c.tests === profile.target.role), selectionFrom(values));
  const cases = shard ? shardCases(selected, shard) : selected;
  const baselineFile = values.baseline ? resolve(values.baseline) : undefined;
  const updating = values['update-baseline'] === true;
  const baseline = baselineFile ? await loadBaseline(baselineFile, updating) : undefined;
  const started = new Date();
  const reportDir = resolve(values['report-dir'] ?? `reports/${timestampDir(started)}`);
  const historyLimit = historyLimitOf(values['history-limit']);
  // A directory that cannot take the reports is found before the first case, not after the last.
  try {
    await prepareReportDir(reportDir);
  } catch (error) {
    if (!(error instanceof ReportDirError)) throw error;
    io.err(`error: ${error.message}`);
    return ExitCode.error;
  }
  const quiet = values.quiet === true;
  const verbose = values.verbose === true;
  const paint = paintFor(colourEnabled(process.stdout.isTTY));
  const progress = new Progress(process.stderr, cases.length, !quiet && process.stderr.isTTY === true);
  // Normal lines clear the live status line first and draw it again after.
  const say = (text: string) => {
    progress.clear();
    io.out(text);
    progress.draw();
  };
  // Lines during the run wait their turn: a case's line may wait for the reporting modules,
  // and the next case's "running" line must not overtake it.
  let printing = Promise.resolve();
  const print = (lines: () => string[] | Promise<string[]>) => {
    printing = printing.then(async () => {
      for (const line of await lines()) say(line);
    });
  };

  const ofShard = shard ? `, shard ${shard.index}/${shard.count} of ${selected.length} selected` : '';
  if (!quiet) io.err(`lwm2m-conformance ${toolVersion}: ${cases.length} case(s)${ofShard} against "${profile.name}" (${profile.target.role}, LwM2M ${profile.target.lwm2mVersion})`);
  if (!quiet && target.impairment) {
    const { spec, seed } = impairmentSummary(target.impairment);
    io.err(`impairing the network: ${spec}, seed ${seed}`);
  }
  // From here on a signal stops the run in order, and the reports still get written.
  const interruption = Interruption.listen(io);
  const { runUnderVitest } = await runner;
  const t0 = performance.now();
  let done = 0;
  let outcome: Awaited<ReturnType<typeof runUnderVitest>>;
  try {
    // A shard can be left without cases (fewer selected than shards): nothing to start, but
    // its reports are still written, so that merge-reports finds every shard.
    outcome = cases.length === 0 ? { results: [], harnessErrors: [], historyDropped: { traceRecords: 0, events: 0 } } : await runUnderVitest(
      { target, cases: cases.map((c) => ({ id: c.id, module: modulePath(c), ...(c.export ? { export: c.export } : {}) })), historyLimit, outputLog: join(reportDir, 'target-output.log') },
      (result) => {
        done++;
        progress.caseDone();
        if (quiet && (result.verdict === 'pass' || result.verdict === 'not-applicable')) return;
        const index = done;
        print(async () => {
          const { caseLine, checkLines } = await reporting();
          return [caseLine(result, index, cases.length, paint), ...(verbose ? checkLines(result) : [])];
        });
      },
      {
        allureResultsDir: join(reportDir, 'allure-results'),
        interrupt: interruption.signal,
        onCaseStart: (id) => {
          progress.caseStarted(id);
          const line = `      running ${id} (${done + 1}/${cases.length}, ${((performance.now() - t0) / 1000).toFixed(1)}s elapsed)`;
          if (verbose) print(() => [line]);
          // The worker is running cases now: the reporting modules load alongside.
          reporting().catch(() => {});
        },
      },
    );
    await printing;
  } finally {
    progress.stop();
  }
  const { failureLines, summaryLines, writeReports, modelFor } = await reporting();
  const model = objectsModel ?? modelFor(undefined);
  const ordered = cases.map((c) => outcome.results.find((r) => r.id === c.id)).filter((r) => r !== undefined);
  const missing = cases.filter((c) => !ordered.some((r) => r.id === c.id)).map((c) => c.id);
  // After an interruption, the cases without a result are the ones it kept from running.
  const harnessErrors = [...outcome.harnessErrors, ...(missing.length && !interruption.interrupted ? [`no result for ${missing.join(', ')}`] : [])];

  const report: RunReport = {
    schemaVersion: resultsSchemaVersion,
    tool: { name: 'lwm2m-conformance', version: toolVersion },
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    profile: {
      name: profile.name,
      file: profileFile,
      role: profile.target.role,
      lwm2mVersion: profile.target.lwm2mVersion,
      endpoint: profile.target.endpoint,
    },
    environment: { node: process.version, platform: process.platform, arch: process.arch },
    summary: summarize(ordered),
    harnessErrors,
    ...(interruption.received ? { interrupted: { signal: interruption.received, notRun: missing } } : {}),
    historyDropped: { ...outcome.historyDropped, limit: historyLimit },
    ...(target.impairment ? { impairment: impairmentSummary(target.impairment) } : {}),
    configurationNotes: configurationNotesOf(ordered),
    ...(shard ? { shard: { ...shard, selected: selected.length } } : {}),
    cases: ordered,
  };
  for (const line of [...failureLines(report, paint, model), ...summaryLines(report, paint)]) io.out(line);
  let files: string[];
  try {
    files = await writeReports(reportDir, report, model);
    // Written by the case worker as the target printed; absent when it printed nothing.
    if (existsSync(join(reportDir, 'target-output.log'))) files.push(join(reportDir, 'target-output.log'));
  } catch (error) {
    io.err(`error: ${error instanceof ReportDirError ? error.message : `cannot write the reports to ${reportDir}: ${(error as Error).message}`}`);
    return ExitCode.error;
  }
  io.out(quiet ? `reports: ${reportDir}` : `reports: ${reportDir}\n${files.map((f) => `  ${f}`).join('\n')}`);
  // Kept for scripts that read this line.
  if (!quiet) io.out(`results: ${join(reportDir, 'results.json')}`);

  let failed = hasFailures(report);
  // An interrupted run is partial: it neither judges nor rewrites the baseline.
  if (interruption.interrupted) return ExitCode.error;
  if (baselineFile) {
    const comparison = compareWithBaseline(baseline ?? { schemaVersion: 1, knownFailures: [] }, ordered);
    if (updating) {
      const next = updatedBaseline(baseline, ordered);
      await writeBaseline(baselineFile, next);
      io.out(`baseline: wrote ${next.knownFailures.length} known failure(s) to ${baselineFile}`);
      failed = false;
    } else {
      io.out(`baseline: ${comparison.known.length} known failure(s), ${comparison.newFailures.length} new, ${comparison.stale.length} stale (${baselineFile})`);
      for (const f of comparison.newFailures) io.out(`  new failure: ${describeFailure(f)}`);
      for (const f of comparison.stale) io.out(`  stale entry (no longer fails; remove it or run with --update-baseline): ${describeFailure(f)}`);
      failed = comparison.newFailures.length > 0 || comparison.stale.length > 0;
    }
  }
  return exitCodeOf(report, failed);
}
