// The baseline of known failures: a run fails (exit 1) on a failure it does not list and on a
// listed failure that no longer happens (a stale entry); --update-baseline rewrites it; entries
// of cases a run did not execute are kept and never stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, failuresOf, parseBaseline, updatedBaseline, type Baseline } from '../../harness/report/baseline.ts';
import { cli, faultyCaseId, faultyCheckId, faultyProfileFile, forcedFault, syntheticCase, tmp } from './support.ts';
import { referenceProfileFile } from '../support/reference-profile.ts';

const failing = syntheticCase({
  id: 'X-1',
  verdict: 'fail',
  checks: [
    { id: 'A', level: 'MUST', verdict: 'pass', description: 'a', expected: 1, actual: 1, atMs: 0 },
    { id: 'B', level: 'MUST', verdict: 'fail', description: 'b', expected: 1, actual: 2, atMs: 0 },
  ],
});
const inconclusive = syntheticCase({ id: 'X-2', verdict: 'inconclusive', reason: 'never registered', checks: [] });
const passing = syntheticCase({ id: 'X-3' });
const baseline = (entries: Baseline['knownFailures']): Baseline => ({ schemaVersion: 1, knownFailures: entries });

describe('baseline comparison', () => {
  it('lists failed checks, and the case itself when no check failed', () => {
    expect(failuresOf([failing, inconclusive, passing])).toEqual([
      { case: 'X-1', check: 'B', verdict: 'fail', description: 'b' },
      { case: 'X-2', verdict: 'inconclusive', description: 'never registered' },
    ]);
  });

  it('finds new failures and stale entries; ignores entries of cases that did not run', () => {
    const b = baseline([
      { case: 'X-1', check: 'B', verdict: 'fail' },
      { case: 'X-3', check: 'A', verdict: 'fail' },
      { case: 'NOT-RUN', check: 'A', verdict: 'fail' },
    ]);
    const r = compareWithBaseline(b, [failing, inconclusive, passing]);
    expect(r.known.map((f) => f.case)).toEqual(['X-1']);
    expect(r.newFailures.map((f) => f.case)).toEqual(['X-2']);
    expect(r.stale.map((f) => `${f.case}/${f.check}`)).toEqual(['X-3/A']);
  });

  it('an update keeps entries of cases the run did not execute', () => {
    const b = baseline([{ case: 'NOT-RUN', verdict: 'fail' }, { case: 'X-3', check: 'A', verdict: 'fail' }]);
    expect(updatedBaseline(b, [failing, passing]).knownFailures.map((f) => f.case)).toEqual(['NOT-RUN', 'X-1']);
  });

  it('rejects malformed files with the file name', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(/b\.json: not valid JSON/);
    expect(() => parseBaseline('{"schemaVersion":1,"knownFailures":[{"case":1}]}', 'b.json')).toThrow(/knownFailures\[0\]/);
  });
});

describe('run --baseline (exit codes)', () => {
  it('new failure -> 1; --update-baseline records it -> 0; then known -> 0; fixed -> stale -> 1; missing file -> 3', async () => {
    const dir = tmp();
    const faulty = faultyProfileFile(dir, [forcedFault]);
    const faithful = faultyProfileFile(tmp(), []);
    const file = join(dir, 'baseline.json');
    const run = (profile: string, ...extra: string[]) => cli(['run', '--profile', profile, '--case', faultyCaseId, '--report-dir', join(dir, 'r'), '--quiet', ...extra]);

    const missing = await run(faulty, '--baseline', file);
    expect(missing.code, missing.stderr).toBe(3);
    expect(missing.stderr).toContain('no such file');

    writeFileSync(file, JSON.stringify(baseline([])));
    const regression = await run(faulty, '--baseline', file);
    expect(regression.code, regression.stdout + regression.stderr).toBe(1);
    expect(regression.stdout).toContain(`new failure: ${faultyCaseId} check ${faultyCheckId}`);

    const update = await run(faulty, '--baseline', file, '--update-baseline');
    expect(update.code, update.stdout + update.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).knownFailures).toEqual([expect.objectContaining({ case: faultyCaseId, check: faultyCheckId, verdict: 'fail' })]);

    const known = await run(faulty, '--baseline', file);
    expect(known.code, known.stdout + known.stderr).toBe(0);
    expect(known.stdout).toContain('1 known failure(s), 0 new, 0 stale');

    const fixed = await run(faithful, '--baseline', file);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(1);
    expect(fixed.stdout).toContain(`stale entry (no longer fails; remove it or run with --update-baseline): ${faultyCaseId} check ${faultyCheckId}`);

    const cleaned = await run(faithful, '--baseline', file, '--update-baseline');
    expect(cleaned.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).knownFailures).toEqual([]);
  }, 120_000);

  it('--update-baseline without --baseline, and --quiet with --verbose, are usage errors (3)', async () => {
    for (const flags of [['--update-baseline'], ['--quiet', '--verbose']]) {
      const r = await cli(['run', '--profile', referenceProfileFile, ...flags]);
      expect(r.code, flags.join(' ')).toBe(3);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
