// Console output of a run: one line per finished case, then a per-interface summary and the
// failed checks with a short trace excerpt, each judged message with its options and decoded
// payload. Verdicts are coloured only when a Paint says so,
// so CI logs read as plain text.
import type { ObjectModel } from '../lwm2m/model/index.ts';
import type { CaseResult } from '../run/result.ts';
import type { Verdict } from '../run/verdict.ts';
import { plain, type Paint } from './colour.ts';
import { messageFacts } from './message-facts.ts';
import { configurationNoteText, type RunReport } from './run-report.ts';
import { showValue, traceExcerpt, traceLine } from './trace-text.ts';

export const verdictLabel: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  error: 'ERROR',
  'not-applicable': 'N/A',
};

/** A case's elapsed time and, of it, the time spent waiting for the target, each named. */
export function caseTimes(result: CaseResult): string {
  const waited = result.waitedMs !== undefined ? `, ${(result.waitedMs / 1000).toFixed(1)} s waiting` : '';
  return `${(result.durationMs / 1000).toFixed(1)} s elapsed${waited}`;
}

export function caseLine(result: CaseResult, index: number, total: number, paint: Paint = plain): string {
  const time = `(${caseTimes(result)})`;
  const warnings = result.checks.filter((c) => c.verdict === 'warning').length;
  const extra = result.verdict === 'pass' ? (warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : '') : result.reason ? `: ${result.reason}` : '';
  return `[${index}/${total}] ${paint(result.verdict, verdictLabel[result.verdict].padEnd(12))} ${result.id}  ${result.title}  ${time}${extra}`;
}

/** Every check of a case, for --verbose. */
export function checkLines(result: CaseResult): string[] {
  return result.checks.map((c) => {
    const at = c.at !== undefined ? ` (message #${c.at})` : '';
    return `      ${c.verdict.padEnd(12)} ${c.id} [${c.level}] ${c.description}: ${showValue(c.actual)}${at}`;
  });
}

export function summaryLines(report: RunReport, paint: Paint = plain): string[] {
  const lines = ['', `Summary for ${report.profile.name} (${(report.durationMs / 1000).toFixed(1)} s)`];
  const header = ['interface', 'pass', 'fail', 'inconcl.', 'error', 'n/a'];
  const columns: Verdict[] = ['pass', 'fail', 'inconclusive', 'error', 'not-applicable'];
  const rows = Object.entries(report.summary.byInterface).map(([name, c]) => [name, ...columns.map((v) => String(c[v]))]);
  const t = report.summary.byVerdict;
  rows.push(['total', ...columns.map((v) => String(t[v]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[], coloured: boolean) =>
    `  ${cells
      .map((c, i) => {
        const padded = i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!);
        return coloured && i > 0 && c !== '0' ? paint(columns[i - 1]!, padded) : padded;
      })
      .join('  ')}`;
  lines.push(format(header, false), ...rows.map((r) => format(r, true)));
  const waited = report.cases.reduce((sum, c) => sum + (c.waitedMs ?? 0), 0);
  if (waited > 0) {
    // How much of the run the target's own timing took; the rest is the harness's overhead.
    lines.push(`  time: ${(report.durationMs / 1000).toFixed(1)} s, of which ${(waited / 1000).toFixed(1)} s waiting for the target (run/wait ${(report.durationMs / waited).toFixed(2)})`);
  }
  const notes = report.configurationNotes ?? [];
  if (notes.length) lines.push(`configuration notes (ETS values the target holds differently; no case needed them):`, ...notes.map((n) => `  ${configurationNoteText(n)}`));
  if (report.impairment) {
    const { spec, seed } = report.impairment;
    lines.push(`impairment: ${spec}, seed ${seed} (repeat with --impair ${spec} --seed ${seed})`);
  }
  const dropped = report.historyDropped;
  if (dropped && dropped.traceRecords + dropped.events > 0) {
    lines.push(`history: dropped the oldest ${dropped.traceRecords} trace record(s) and ${dropped.events} peer event(s) to stay within ${dropped.limit} each; case traces may be incomplete`);
  }
  if (report.interrupted) {
    const { signal, notRun } = report.interrupted;
    lines.push(`interrupted by ${signal}: the case running ended with error "interrupted"${notRun.length ? `; ${notRun.length} case(s) not run` : ''}`);
  }
  for (const e of report.harnessErrors) lines.push(`harness error: ${e}`);
  return lines;
}

/** The failed cases: their checks, and the last messages with each judged one's options and payload (decoded with `model`). */
export function failureLines(report: RunReport, paint: Paint = plain, model?: ObjectModel): string[] {
  const lines: string[] = [];
  for (const c of report.cases) {
    if (c.verdict === 'pass' || c.verdict === 'not-applicable') continue;
    lines.push('', `${paint(c.verdict, verdictLabel[c.verdict])} ${c.id} ${c.title}`);
    if (c.reason) lines.push(`  reason: ${c.reason}`);
    const shown = c.checks.filter((k) => k.verdict === 'fail' || k.verdict === 'warning' || k.verdict === 'inconclusive');
    for (const check of shown) {
      lines.push(`  check ${check.id} [${check.level}] ${check.description}${check.at !== undefined ? ` (message #${check.at})` : ''}`);
      lines.push(`    expected: ${showValue(check.expected)}`);
      lines.push(`    actual:   ${showValue(check.actual)}`);
    }
    const judged = new Set(shown.flatMap((k) => (k.at !== undefined ? [k.at] : [])));
    const excerpt = traceExcerpt(c.trace, judged);
    if (excerpt.length) {
      lines.push('  messages:');
      for (const t of excerpt) {
        lines.push(`  ${judged.has(t.seq) ? '>' : ' '} #${String(t.seq).padEnd(4)}${traceLine(t)}`);
        if (judged.has(t.seq)) for (const fact of messageFacts(t, c.trace, model)) lines.push(`          ${fact}`);
      }
    }
  }
  return lines;
}
