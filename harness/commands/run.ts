// `lwm2m-conformance run`: runs the selected cases against the profile's target, prints one
// line per case as it finishes and a summary, and writes results.json. The exit code says
// whether everything passed (0), something failed (1), the harness broke (2) or usage was bad (3).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allCases } from '../../suites/index.ts';
import { caseLine, failureLines, summaryLines } from '../report/console.ts';
import { writeResultsJson } from '../report/results-json.ts';
import { resultsSchemaVersion, summarize, type RunReport } from '../report/run-report.ts';
import { selectCases } from '../run/selection.ts';
import { loadProfile } from '../targets/profile.ts';
import { selectionFlags, selectionFrom } from './selection-flags.ts';
import { ExitCode, UsageError, type CommandIO } from './io.ts';

const toolVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const runUsage = `usage: lwm2m-conformance run --profile FILE [--case GLOB]... [--interface NAME]... [--tag TAG]... [--report-dir DIR]`;

function timestampDir(date: Date): string {
  return date.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

export async function runCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      ...selectionFlags,
      'report-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    io.out(runUsage);
    return ExitCode.ok;
  }
  if (!values.profile) throw new UsageError(`run: --profile FILE is required\n${runUsage}`);
  const profileFile = resolve(values.profile);
  const profile = await loadProfile(profileFile);
  const cases = selectCases(allCases, selectionFrom(values));
  const started = new Date();
  const reportDir = resolve(values['report-dir'] ?? `reports/${timestampDir(started)}`);

  io.err(`lwm2m-conformance ${toolVersion}: ${cases.length} case(s) against "${profile.name}" (${profile.target.role}, LwM2M ${profile.target.lwm2mVersion})`);
  // vitest loads only now, so that usage and profile errors are reported at once.
  const { runUnderVitest } = await import('../run/vitest-runner.ts');
  const t0 = performance.now();
  let done = 0;
  const outcome = await runUnderVitest({ profileFile, caseIds: cases.map((c) => c.id) }, (result) => {
    done++;
    io.out(caseLine(result, done, cases.length));
  });
  const ordered = cases.map((c) => outcome.results.find((r) => r.id === c.id)).filter((r) => r !== undefined);
  const missing = cases.filter((c) => !ordered.some((r) => r.id === c.id)).map((c) => c.id);
  const harnessErrors = [...outcome.harnessErrors, ...(missing.length ? [`no result for ${missing.join(', ')}`] : [])];

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
    cases: ordered,
  };
  for (const line of [...failureLines(report), ...summaryLines(report)]) io.out(line);
  const file = await writeResultsJson(reportDir, report);
  io.out(`results: ${file}`);

  const v = report.summary.byVerdict;
  if (v.error > 0 || harnessErrors.length > 0) return ExitCode.error;
  if (v.fail > 0 || v.inconclusive > 0) return ExitCode.failed;
  return ExitCode.ok;
}
