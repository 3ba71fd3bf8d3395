// Joins the results of several runs of one target (the shards of a sharded run, or runs of
// different selections) into the report of one run: cases in catalogue order, the summary and
// configuration notes counted again from them, the run's times spanning all inputs, and
// `shards` listing what was joined. junit.xml, index.html and trace.pcapng are then written
// from this report as for any run, so the joined set is what one run would have written.
import type { CaseResult } from '../../run/result.ts';
import type { ReportInput } from '../read-results.ts';
import { configurationNotesOf, summarize, type MergedShard, type RunReport } from '../run-report.ts';
import { checkNoDuplicateCases, checkSameTarget, checkShardsComplete, inputLabel } from './consistency.ts';

/** A case's position in the catalogue; cases it does not know (a newer tool's) go last. */
export type CatalogueOrder = (c: CaseResult) => number | undefined;

export function mergeReports(given: readonly ReportInput[], catalogueOrder: CatalogueOrder): RunReport {
  checkSameTarget(given);
  checkShardsComplete(given);
  checkNoDuplicateCases(given);
  // Shards in their order; whole runs as given.
  const inputs = [...given].sort((a, b) => (a.report.shard?.index ?? 0) - (b.report.shard?.index ?? 0));
  const first = inputs[0]!.report;

  const arrival = new Map<CaseResult, number>();
  inputs.flatMap((i) => i.report.cases).forEach((c, n) => arrival.set(c, n));
  const position = (c: CaseResult) => catalogueOrder(c) ?? Number.MAX_SAFE_INTEGER;
  const cases = [...arrival.keys()].sort((a, b) => position(a) - position(b) || arrival.get(a)! - arrival.get(b)!);

  const starts = inputs.map((i) => Date.parse(i.report.startedAt));
  const ends = inputs.map((i) => Date.parse(i.report.startedAt) + i.report.durationMs);
  const startedAt = Math.min(...starts);

  const interrupted = inputs.filter((i) => i.report.interrupted);
  const dropped = inputs.map((i) => i.report.historyDropped).filter((d) => d !== undefined);
  const seeds = new Set(inputs.map((i) => (i.report.impairment ? `${i.report.impairment.spec} ${i.report.impairment.seed}` : 'none')));

  const shards: MergedShard[] = inputs.map(({ dir, report: r }) => ({
    dir,
    ...(r.shard ? { shard: r.shard } : {}),
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    cases: r.cases.length,
    environment: r.environment,
    tool: r.tool,
    ...(r.impairment ? { impairment: r.impairment } : {}),
  }));

  return {
    schemaVersion: first.schemaVersion,
    tool: first.tool,
    startedAt: new Date(startedAt).toISOString(),
    // Wall-clock time from the first shard's start to the last one's end: what CI waited.
    durationMs: Math.max(...ends) - startedAt,
    profile: first.profile,
    environment: first.environment,
    summary: summarize(cases),
    harnessErrors: inputs.flatMap((i) => i.report.harnessErrors.map((e) => `${inputLabel(i)}: ${e}`)),
    ...(interrupted.length
      ? { interrupted: { signal: interrupted[0]!.report.interrupted!.signal, notRun: interrupted.flatMap((i) => i.report.interrupted!.notRun) } }
      : {}),
    ...(dropped.length
      ? {
          historyDropped: {
            traceRecords: dropped.reduce((n, d) => n + d.traceRecords, 0),
            events: dropped.reduce((n, d) => n + d.events, 0),
            limit: Math.max(...dropped.map((d) => d.limit)),
          },
        }
      : {}),
    // One seed repeats the run only when every shard used it; otherwise each shard lists its own.
    ...(first.impairment && seeds.size === 1 ? { impairment: first.impairment } : {}),
    configurationNotes: configurationNotesOf(cases),
    shards,
    cases,
  };
}
