// How close a whole client-suite run comes to its protocol floor: runs every case (or the
// interfaces given) against the bundled reference device through the CLI, and compares the wall
// time with the floor, per case and in total. A case's floor is its declared `floorMs` with the
// profile's timings (silence windows at their shortest, pmax notifications, Send periods, a
// lifetime outlasted); a case without one waits only for the device's answers and for moments
// the device picks itself, so the floor is the time it measured waiting for the device. Start-up,
// resets between cases and writing the reports count against the run. The target is at most 1.10.
// Usage: node --import tsx bench/run/suite.ts [--runs N] [--interface NAME]... [--all]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allCases } from '../../suites/index.ts';
import { resolveTarget } from '../../harness/targets/resolve.ts';

const root = resolve(import.meta.dirname, '..', '..');
const profile = join(root, 'fixtures', 'profiles', 'reference-device.yaml');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, interface: { type: 'string', multiple: true }, all: { type: 'boolean' } } });
const runs = Number(values.runs);
const interfaces = (values.interface ?? []).flatMap((i) => ['--interface', i]);
const { view } = await resolveTarget(profile);
const byId = new Map(allCases.filter((c) => c.tests === 'client').map((c) => [c.id, c]));

interface CaseOutcome { id: string; verdict: string; durationMs: number; waitedMs?: number }
const s = (ms: number) => (ms / 1000).toFixed(2);

for (let i = 1; i <= runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-suite-'));
  const started = performance.now();
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', profile, ...interfaces, '--report-dir', dir], { stdio: 'ignore' });
  } catch {
    // a non-zero exit (a case not passing) still leaves the report to measure
  }
  const wallMs = performance.now() - started;
  const report = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { durationMs: number; cases: CaseOutcome[] };
  const rows = report.cases.map((c) => {
    const def = byId.get(c.id);
    const declared = def?.floorMs !== undefined && c.verdict !== 'not-applicable';
    const floorMs = declared ? def!.floorMs!(view) : (c.waitedMs ?? 0);
    return { ...c, floorMs, declared };
  });
  const floorMs = rows.reduce((sum, r) => sum + r.floorMs, 0);
  const casesMs = rows.reduce((sum, r) => sum + r.durationMs, 0);
  console.log(`run ${i}: ${rows.length} cases`);
  console.log('  case                                 floor s  case s  case/floor');
  // The cases whose floor the profile fixes, and (--all) every case that took a tenth of a second.
  for (const r of rows.filter((r) => r.declared || (values.all && r.durationMs >= 100))) {
    console.log(`  ${r.id.padEnd(36)} ${s(r.floorMs).padStart(7)}  ${s(r.durationMs).padStart(6)}  ${(r.floorMs > 0 ? (r.durationMs / r.floorMs).toFixed(3) : '-').padStart(10)}${r.declared ? '' : '  (measured floor)'}`);
  }
  console.log(`  floor ${s(floorMs)} s (declared ${s(rows.filter((r) => r.declared).reduce((sum, r) => sum + r.floorMs, 0))} s), cases ${s(casesMs)} s, run ${s(report.durationMs)} s, wall ${s(wallMs)} s`);
  console.log(`  cases/floor ${(casesMs / floorMs).toFixed(3)}  wall/floor ${(wallMs / floorMs).toFixed(3)}  start-up and reports ${s(wallMs - report.durationMs)} s`);
}
