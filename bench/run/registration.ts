// How much of a registration run is the target's own timing: runs the registration cases
// against the bundled reference device through the CLI, and compares the wall time with the
// time the cases spent waiting for the device (lifetimes, Update windows, deadlines).
// Usage: node --import tsx bench/run/registration.ts [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);

console.log('run  wall s  cases s  waited s  wall/waited');
for (let i = 1; i <= runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-registration-'));
  const started = performance.now();
  execFileSync(process.execPath, [join(root, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', join(root, 'fixtures', 'profiles', 'reference-device.yaml'), '--interface', 'registration', '--report-dir', dir], { stdio: 'ignore' });
  const wall = (performance.now() - started) / 1000;
  const report = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { cases: { durationMs: number; waitedMs?: number }[] };
  const cases = report.cases.reduce((sum, c) => sum + c.durationMs, 0) / 1000;
  const waited = report.cases.reduce((sum, c) => sum + (c.waitedMs ?? 0), 0) / 1000;
  console.log(`${String(i).padStart(3)}  ${wall.toFixed(2).padStart(6)}  ${cases.toFixed(2).padStart(7)}  ${waited.toFixed(2).padStart(8)}  ${(wall / waited).toFixed(3).padStart(11)}`);
}
