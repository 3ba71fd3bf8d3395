// The record of a whole run, as results.json stores it (schema version 2): the profile (no
// secrets), the environment, timings and every case with its checks and trace (in results.json the
// datagrams its checks rest on, all of them in trace.jsonl: stored/).
import type { CaseResult, ConfigurationNote } from '../run/result.ts';
import type { Verdict } from '../run/verdict.ts';

export const resultsSchemaVersion = 2;

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
  /** The run was stopped by a signal: the case running then has verdict error ("interrupted"), and these cases did not run. */
  interrupted?: { signal: string; notRun: string[] };
  /**
   * Trace records and peer events dropped (oldest first) to keep the run's memory bounded
   * (`limit` each); when nonzero, the trace of a case may lack its first datagrams.
   */
  historyDropped?: { traceRecords: number; events: number; limit: number };
  /** The network impairment the run used, and the seed that repeats it (--impair SPEC --seed N). */
  impairment?: { spec: string; seed: number };
  /** ETS configuration values the target holds differently, which no case depended on: once per run, with the cases that read them. */
  configurationNotes?: RunConfigurationNote[];
  /** The run was shard `index` of `count` (`run --shard`): it ran `cases` of the `selected` cases of the whole selection. */
  shard?: ShardInfo;
  /** The report joins these runs (`merge-reports`), in the order given. */
  shards?: MergedShard[];
  cases: CaseResult[];
}

export interface ShardInfo {
  index: number;
  count: number;
  /** Cases in the whole selection, across every shard. */
  selected: number;
}

/** One run a merged report joins. */
export interface MergedShard {
  /** The report directory, as given to merge-reports. */
  dir: string;
  /** Absent for a run that was not sharded. */
  shard?: ShardInfo;
  startedAt: string;
  durationMs: number;
  cases: number;
  environment: RunReport['environment'];
  tool: RunReport['tool'];
  impairment?: { spec: string; seed: number };
}

export interface RunConfigurationNote extends ConfigurationNote {
  cases: string[];
}

/** The cases' configuration notes, one per path (the first case's reading), with every case that noted it. */
export function configurationNotesOf(cases: readonly CaseResult[]): RunConfigurationNote[] {
  const byPath = new Map<string, RunConfigurationNote>();
  for (const c of cases) {
    for (const note of c.configurationNotes ?? []) {
      const seen = byPath.get(note.path);
      if (seen) seen.cases.push(c.id);
      else byPath.set(note.path, { ...note, cases: [c.id] });
    }
  }
  return [...byPath.values()];
}

/** One line per configuration note, for people. */
export function configurationNoteText(note: RunConfigurationNote): string {
  const shown = note.expected === '*' ? 'present' : `"${note.expected}"`;
  return `${note.path} = ${note.actual}, ETS ${note.configuration} has ${shown} (not needed by ${note.cases.length} case${note.cases.length > 1 ? 's' : ''} that read it)`;
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
