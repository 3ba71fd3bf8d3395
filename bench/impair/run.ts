// Verdicts under field conditions: runs client cases against the bundled reference device once
// without impairment, then at 5 % loss, 1 % duplication and 2 % reordering (both directions)
// under several seeds, and prints per seed the verdict counts and the cases whose verdict
// differs from the unimpaired run. Slow: each run is a whole suite run.
// Usage: node --import tsx bench/impair/run.ts [--seeds 1,2,3] [--impair SPEC] [--interface NAME]... [--all]
// (default: the registration and management interfaces; --all runs every client case)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    impair: { type: 'string', default: 'loss=5%,dup=1%,reorder=2%' },
    interface: { type: 'string', multiple: true },
    all: { type: 'boolean' },
  },
});
const seeds = values.seeds.split(',').map((s) => s.trim());
const interfaces = values.all ? [] : (values.interface ?? ['registration', 'management']).flatMap((i) => ['--interface', i]);
const verdicts = ['pass', 'fail', 'inconclusive', 'error', 'not-applicable'] as const;

interface Report {
  durationMs: number;
  impairment?: { spec: string; seed: number };
  summary: { byVerdict: Record<string, number> };
  cases: { id: string; verdict: string; reason?: string }[];
  /** Every datagram of the run, from trace.jsonl. */
  datagrams: { impairment?: string }[];
}

function run(extra: string[]): Report {
  const dir = mkdtempSync(join(tmpdir(), 'bench-impair-'));
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', join(root, 'fixtures', 'profiles', 'reference-device.yaml'), ...interfaces, '--quiet', '--report-dir', dir, ...extra], { stdio: 'ignore' });
  } catch {
    // a case not passing exits non-zero; the report is still there
  }
  const datagrams = readFileSync(join(dir, 'trace.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { impairment?: string });
  return { ...(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Omit<Report, 'datagrams'>), datagrams };
}

const counts = (r: Report) => verdicts.map((v) => `${v} ${r.summary.byVerdict[v] ?? 0}`).join(', ');
const marks = (r: Report) => {
  const all = r.datagrams.filter((t) => t.impairment);
  return ['dropped', 'duplicated', 'reordered'].map((k) => `${k} ${all.filter((t) => t.impairment === k).length}`).join(', ');
};

const baseline = run([]);
const before = new Map(baseline.cases.map((c) => [c.id, c.verdict]));
console.log(`unimpaired: ${baseline.cases.length} cases in ${(baseline.durationMs / 1000).toFixed(1)} s: ${counts(baseline)}`);
for (const seed of seeds) {
  const r = run(['--impair', values.impair, '--seed', seed]);
  console.log(`\n${r.impairment?.spec ?? values.impair}, seed ${seed}: ${(r.durationMs / 1000).toFixed(1)} s: ${counts(r)}`);
  console.log(`  datagrams impaired: ${marks(r)}`);
  const changed = r.cases.filter((c) => before.get(c.id) !== c.verdict);
  if (!changed.length) console.log('  every verdict as unimpaired');
  for (const c of changed) console.log(`  ${c.id}: ${before.get(c.id) ?? '(not run)'} -> ${c.verdict}${c.reason ? ` (${c.reason.slice(0, 140)})` : ''}`);
}
