// Console output of a run: one line per finished case, then a per-interface summary and the
// failed checks with a short trace excerpt. Plain text, no colour, so CI logs read the same.
import type { CaseResult } from '../run/result.ts';
import type { Verdict } from '../run/verdict.ts';
import type { RunReport } from './run-report.ts';

const verdictLabel: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  error: 'ERROR',
  'not-applicable': 'N/A',
};

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function caseLine(result: CaseResult, index: number, total: number): string {
  const time = `${(result.durationMs / 1000).toFixed(1)}s`;
  const warnings = result.checks.filter((c) => c.verdict === 'warning').length;
  const extra = result.verdict === 'pass' ? (warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : '') : result.reason ? `: ${result.reason}` : '';
  return `[${index}/${total}] ${verdictLabel[result.verdict].padEnd(12)} ${result.id}  ${result.title}  ${time}${extra}`;
}

export function summaryLines(report: RunReport): string[] {
  const lines = ['', `Summary for ${report.profile.name} (${(report.durationMs / 1000).toFixed(1)} s)`];
  const header = ['interface', 'pass', 'fail', 'inconcl.', 'error', 'n/a'];
  const rows = Object.entries(report.summary.byInterface).map(([name, c]) => [name, c.pass, c.fail, c.inconclusive, c.error, c['not-applicable']].map(String));
  const t = report.summary.byVerdict;
  rows.push(['total', t.pass, t.fail, t.inconclusive, t.error, t['not-applicable']].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`;
  lines.push(format(header), ...rows.map(format));
  for (const e of report.harnessErrors) lines.push(`harness error: ${e}`);
  return lines;
}

export function failureLines(report: RunReport): string[] {
  const lines: string[] = [];
  for (const c of report.cases) {
    if (c.verdict === 'pass' || c.verdict === 'not-applicable') continue;
    lines.push('', `${verdictLabel[c.verdict]} ${c.id} ${c.title}`);
    if (c.reason) lines.push(`  reason: ${c.reason}`);
    for (const check of c.checks.filter((k) => k.verdict === 'fail' || k.verdict === 'warning')) {
      lines.push(`  check ${check.id} [${check.level}] ${check.description}`);
      lines.push(`    expected: ${show(check.expected)}`);
      lines.push(`    actual:   ${show(check.actual)}`);
    }
    const excerpt = c.trace.slice(-6);
    if (excerpt.length) {
      lines.push('  last messages:');
      for (const t of excerpt) lines.push(`    ${(t.atMs / 1000).toFixed(3).padStart(8)}s ${t.from} -> ${t.to}  ${t.summary}`);
    }
  }
  return lines;
}
