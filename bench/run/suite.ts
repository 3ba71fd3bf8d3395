// How much of a whole client-suite run is the target's own timing: runs every case (or the
// interfaces given) against the bundled reference device through the CLI, and compares the wall
// time with the time the cases spent waiting for the device (responses, notification periods,
// lifetimes, deadlines). The target for the ratio is at most 1.15.
// Usage: node --import tsx bench/run/suite.ts [--runs N] [--interface NAME]...
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, interface: { type: 'string', multiple: true } } });
const runs = Number(values.runs);
const interfaces = (values.interface ?? []).flatMap((i) => ['--interface', i]);

console.log('run  cases  wall s  cases s  waited s  cases/waited  wall/waited');
for (let i = 1; i <= runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-suite-'));
  const started = performance.now();
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', join(root, 'fixtures', 'profiles', 'reference-device.yaml'), ...interfaces, '--report-dir', dir], { stdio: 'ignore' });
  } catch {
    // a non-zero exit (a case not passing) still leaves the report to measure
  }
  const wall = (performance.now() - started) / 1000;
  const report = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { cases: { durationMs: number; waitedMs?: number }[] };
  const cases = report.cases.reduce((sum, c) => sum + c.durationMs, 0) / 1000;
  const waited = report.cases.reduce((sum, c) => sum + (c.waitedMs ?? 0), 0) / 1000;
  console.log(`${String(i).padStart(3)}  ${String(report.cases.length).padStart(5)}  ${wall.toFixed(2).padStart(6)}  ${cases.toFixed(2).padStart(7)}  ${waited.toFixed(2).padStart(8)}  ${(cases / waited).toFixed(3).padStart(12)}  ${(wall / waited).toFixed(3).padStart(11)}`);
}
