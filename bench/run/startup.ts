// How soon a single-case run gets to its case: runs one case against the bundled reference
// device through the CLI, and times from spawning the command to its first line (the profile
// and selection resolved), to the "running" line (the case worker has started the case), to the
// case's result line (the device started and registered, the case ran) and to the exit.
// Prints each run and the median of each milestone.
// Usage: node --import tsx bench/run/startup.ts [--runs N] [--case PATTERN]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, case: { type: 'string', default: '*int-201' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got "${values.runs}"`);

const milestones = ['first line', 'running', 'case done', 'exit'] as const;
type Milestone = (typeof milestones)[number];

/** Which milestone a line of the run's output marks, if any. */
function milestoneOf(line: string): Milestone | undefined {
  if (/^\s+running /.test(line)) return 'running';
  if (/^\[1\/1\] /.test(line)) return 'case done';
  return undefined;
}

async function timeRun(): Promise<Record<Milestone, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', join(root, 'fixtures', 'profiles', 'reference-device.yaml'), '--case', values.case, '--verbose', '--report-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const at: Partial<Record<Milestone, number>> = {};
  const seen = (milestone: Milestone) => (at[milestone] ??= performance.now() - started);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      seen('first line');
      const milestone = milestoneOf(line);
      if (milestone) seen(milestone);
    });
  }
  const code = await new Promise<number | null>((done) => child.once('close', done));
  seen('exit');
  rmSync(dir, { recursive: true, force: true });
  const missing = milestones.filter((m) => at[m] === undefined);
  if (code !== 0 || missing.length) throw new Error(`the run exited with ${code}${missing.length ? `, without its ${missing.join(', ')} line` : ''}`);
  return at as Record<Milestone, number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const header = `run  ${milestones.map((m) => m.padStart(10)).join('  ')}   (ms from spawn; case ${values.case})`;
console.log(header);
const timings: Record<Milestone, number>[] = [];
for (let i = 1; i <= runs; i++) {
  const t = await timeRun();
  timings.push(t);
  console.log(`${String(i).padStart(3)}  ${milestones.map((m) => t[m].toFixed(0).padStart(10)).join('  ')}`);
}
console.log(`med  ${milestones.map((m) => median(timings.map((t) => t[m])).toFixed(0).padStart(10)).join('  ')}`);
