// The record of a whole run, as results.json stores it (schema version 1): the profile (no
// secrets), the environment, timings and every case with its checks and trace.
import type { CaseResult } from '../run/result.ts';
import type { Verdict } from '../run/verdict.ts';

export const resultsSchemaVersion = 1;

export interface RunReport {
  schemaVersion: typeof resultsSchemaVersion;
  tool: { name: 'lwm2m-conformance'; version: string };
  startedAt: string;
  durationMs: number;
  profile: { name: string; file: string; role: string; lwm2mVersion: string; endpoint?: string };
  environment: { node: string; platform: string; arch: string };
  summary: { total: number; byVerdict: Record<Verdict, number>; byInterface: Record<string, Record<Verdict, number>> };
  /** Problems outside any case (the harness could not run some part). */
  harnessErrors: string[];
  cases: CaseResult[];
}

export function emptyCounts(): Record<Verdict, number> {
  return { pass: 0, fail: 0, inconclusive: 0, error: 0, 'not-applicable': 0 };
}

export function summarize(cases: readonly CaseResult[]): RunReport['summary'] {
  const byVerdict = emptyCounts();
  const byInterface: Record<string, Record<Verdict, number>> = {};
  for (const c of cases) {
    byVerdict[c.verdict]++;
    (byInterface[c.interface] ??= emptyCounts())[c.verdict]++;
  }
  return { total: cases.length, byVerdict, byInterface };
}
