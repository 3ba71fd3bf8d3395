// junit.xml for CI systems: one <testsuite> per interface, one <testcase> per case, in the
// Surefire/Ant shape every CI reads. fail -> <failure> listing the failed checks, error ->
// <error>, not-applicable -> <skipped> with the reason, inconclusive -> <failure
// type="inconclusive">; the case's trace excerpt goes to <system-out>.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../run/result.ts';
import type { RunReport } from './run-report.ts';
import { showValue, traceExcerpt, traceLine } from './trace-text.ts';
import { escapeXml } from './xml.ts';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function failedChecksText(c: CaseResult): string {
  const lines: string[] = [];
  if (c.reason) lines.push(`reason: ${c.reason}`);
  for (const k of c.checks.filter((k) => k.verdict === 'fail' || k.verdict === 'inconclusive')) {
    lines.push(`check ${k.id} [${k.level}] ${k.description}${k.at !== undefined ? ` (message #${k.at})` : ''}`);
    lines.push(`  expected: ${showValue(k.expected)}`);
    lines.push(`  actual:   ${showValue(k.actual)}`);
  }
  return lines.join('\n');
}

function failureMessage(c: CaseResult): string {
  const failed = c.checks.filter((k) => k.verdict === 'fail' || k.verdict === 'inconclusive');
  if (failed.length) return failed.map((k) => `${k.id}: ${k.description}`).join('; ');
  return c.reason ?? c.verdict;
}

function outcomeElement(c: CaseResult): string {
  switch (c.verdict) {
    case 'pass':
      return '';
    case 'fail':
      return `      <failure${attrs({ message: failureMessage(c), type: 'fail' })}>${escapeXml(failedChecksText(c))}</failure>\n`;
    case 'inconclusive':
      return `      <failure${attrs({ message: failureMessage(c), type: 'inconclusive' })}>${escapeXml(failedChecksText(c))}</failure>\n`;
    case 'error':
      return `      <error${attrs({ message: c.reason ?? 'harness error', type: 'error' })}>${escapeXml(failedChecksText(c))}</error>\n`;
    case 'not-applicable':
      return `      <skipped${attrs({ message: c.reason ?? 'not applicable' })}/>\n`;
  }
}

function systemOut(c: CaseResult): string {
  const lines = [`${c.id} ${c.title}`, `reference: ${c.ref}`, `verdict: ${c.verdict}`];
  for (const k of c.checks) lines.push(`  ${k.verdict.padEnd(12)} ${k.id} [${k.level}] ${k.description}`);
  const judged = new Set(c.checks.filter((k) => k.verdict !== 'pass').flatMap((k) => (k.at !== undefined ? [k.at] : [])));
  const excerpt = traceExcerpt(c.trace, judged, 10);
  if (excerpt.length) {
    lines.push(`messages (${excerpt.length} of ${c.trace.length}):`);
    for (const t of excerpt) lines.push(`  #${String(t.seq).padEnd(4)}${traceLine(t)}`);
  }
  return `      <system-out>${escapeXml(lines.join('\n'))}</system-out>\n`;
}

function testcase(c: CaseResult): string {
  const open = `    <testcase${attrs({ name: `${c.id} ${c.title}`, classname: `lwm2m-conformance.${c.interface}`, time: seconds(c.durationMs) })}>\n`;
  return `${open}${outcomeElement(c)}${systemOut(c)}    </testcase>\n`;
}

function counts(cases: readonly CaseResult[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.verdict === 'fail' || c.verdict === 'inconclusive').length,
    errors: cases.filter((c) => c.verdict === 'error').length,
    skipped: cases.filter((c) => c.verdict === 'not-applicable').length,
  };
}

export function junitXml(report: RunReport): string {
  const byInterface = new Map<string, CaseResult[]>();
  for (const c of report.cases) byInterface.set(c.interface, [...(byInterface.get(c.interface) ?? []), c]);
  const total = report.cases.reduce((sum, c) => sum + c.durationMs, 0);
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n`;
  const all = counts(report.cases);
  // Run-level harness errors are reported as one more errored test (the "harness" suite below).
  const harness = report.harnessErrors.length ? 1 : 0;
  xml += `<testsuites${attrs({ name: `lwm2m-conformance: ${report.profile.name}`, ...all, tests: all.tests + harness, errors: all.errors + harness, time: seconds(total) })}>\n`;
  for (const [name, cases] of byInterface) {
    const suiteTime = cases.reduce((sum, c) => sum + c.durationMs, 0);
    xml += `  <testsuite${attrs({ name, ...counts(cases), time: seconds(suiteTime), timestamp: (cases[0]?.startedAt ?? report.startedAt).replace(/\.\d+Z$/, '') })}>\n`;
    xml += `    <properties>\n`;
    const properties = {
      tool: `${report.tool.name} ${report.tool.version}`,
      'profile.name': report.profile.name,
      'target.role': report.profile.role,
      'target.lwm2mVersion': report.profile.lwm2mVersion,
      ...(report.profile.endpoint ? { 'target.endpoint': report.profile.endpoint } : {}),
    };
    for (const [key, value] of Object.entries(properties)) xml += `      <property${attrs({ name: key, value })}/>\n`;
    xml += `    </properties>\n`;
    for (const c of cases) xml += testcase(c);
    xml += `  </testsuite>\n`;
  }
  if (report.harnessErrors.length) {
    // A run-level problem shows as an errored test, so CI does not read it as green.
    xml += `  <testsuite${attrs({ name: 'harness', tests: 1, failures: 0, errors: 1, skipped: 0, time: '0.000' })}>\n`;
    xml += `    <testcase${attrs({ name: 'harness', classname: 'lwm2m-conformance.harness', time: '0.000' })}>\n`;
    xml += `      <error${attrs({ message: report.harnessErrors[0]!, type: 'harness' })}>${escapeXml(report.harnessErrors.join('\n'))}</error>\n`;
    xml += `    </testcase>\n  </testsuite>\n`;
  }
  return `${xml}</testsuites>\n`;
}

export async function writeJUnit(dir: string, report: RunReport): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'junit.xml');
  await writeFile(file, junitXml(report));
  return file;
}
