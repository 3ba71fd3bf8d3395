// The exit code a set of results gives, the same for `run` and for `merge-reports` (which must
// fail a CI job exactly when the unsharded run would have): an interruption, an error verdict or
// a harness error is 2; otherwise a failure (fail or inconclusive, or what a baseline judged
// instead) is 1; else 0.
import { ExitCode } from '../errors.ts';
import type { RunReport } from './run-report.ts';

/** A case failed or was inconclusive. */
export function hasFailures(report: RunReport): boolean {
  const v = report.summary.byVerdict;
  return v.fail > 0 || v.inconclusive > 0;
}

export function exitCodeOf(report: RunReport, failed = hasFailures(report)): number {
  if (report.interrupted) return ExitCode.error;
  if (report.summary.byVerdict.error > 0 || report.harnessErrors.length > 0) return ExitCode.error;
  return failed ? ExitCode.failed : ExitCode.ok;
}
