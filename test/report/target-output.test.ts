// A case keeps only a bounded tail of what the target printed (with a count of the lines left
// out), the whole output goes to target-output.log with times and each case's start, and every
// report names a case's elapsed time and its time waiting for the target as such.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseLine } from '../../harness/report/console.ts';
import { reportHtml } from '../../harness/report/html/page.ts';
import { outputTail } from '../../harness/run/output-tail.ts';
import { CaseRun } from '../../harness/run/run-cases.ts';
import { resolveProfile } from '../../harness/targets/resolve.ts';
import { allCases } from '../../suites/index.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';
import { syntheticCase, syntheticReport, tmp } from './support.ts';

const line = (text: string, atMs = 0) => ({ atMs, stream: 'stderr' as const, text });

describe('target output', () => {
  it('the tail is bounded in lines and bytes and counts what it leaves out', () => {
    const output = Array.from({ length: 100 }, (_, i) => line(`line ${i}`));
    expect(outputTail(output, { lines: 5, bytes: 8192 })).toEqual({ lines: output.slice(-5), omitted: 95 });
    const byBytes = outputTail([line('a'.repeat(600)), line('b'.repeat(600)), line('c'.repeat(300))], { lines: 50, bytes: 1000 });
    expect(byBytes.lines.map((l) => l.text[0])).toEqual(['b', 'c']);
    expect(byBytes.omitted).toBe(1);
    const long = outputTail([line('x'.repeat(5000))], { lines: 50, bytes: 1024 });
    expect(long.lines[0]!.text).toMatch(/^x{1024}… \(3976 more bytes\)$/);
    expect(outputTail([], { lines: 1, bytes: 1 })).toEqual({ lines: [], omitted: 0 });
  });

  it('a run against the bundled device keeps a small tail per case; target-output.log holds it all, with times and case starts', async () => {
    const dir = tmp();
    const log = join(dir, 'target-output.log');
    const ids = ['LightweightM2M-1.1-int-101', 'LightweightM2M-1.1-int-102'];
    const cases = ids.map((id) => allCases.find((c) => c.id === id && c.tests === 'client')!);
    const run = new CaseRun(resolveProfile(referenceDeviceProfile()), cases, { outputBound: { lines: 2, bytes: 8192 }, outputLog: log });
    await run.open();
    const results = [];
    try {
      for (const def of cases) results.push(await run.run(def));
    } finally {
      await run.close();
    }
    for (const r of results) {
      expect(r.verdict, r.reason).toBe('pass');
      expect(r.targetOutput!.length).toBe(2);
      expect(r.targetOutputOmitted).toBeGreaterThan(0);
    }
    expect(existsSync(log)).toBe(true);
    const text = readFileSync(log, 'utf8');
    const lines = text.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (stdout|stderr|-----) /);
    for (const id of ids) expect(text).toContain(`----- case ${id} starts`);
    // Everything each case kept is in the log, and the log holds more than the tails.
    for (const r of results) for (const kept of r.targetOutput!) expect(text).toContain(kept.text);
    expect(lines.length).toBeGreaterThan(results.reduce((n, r) => n + r.targetOutput!.length + r.targetOutputOmitted!, 0));
  }, 90_000);
});

describe('case times', () => {
  const c = syntheticCase({ durationMs: 12_345, waitedMs: 10_100 });

  it('the console names elapsed and waiting time', () => {
    expect(caseLine(c, 1, 1)).toMatch(/Initial Registration {2}\(12\.3 s elapsed, 10\.1 s waiting\)$/);
  });

  it('the HTML names elapsed and waiting time, and a left-out part of the output', () => {
    const html = reportHtml(syntheticReport([{ ...c, targetOutput: [line('last words', 12_000)], targetOutputOmitted: 41 }]));
    expect(html).toContain('12.3 s elapsed · 10.1 s waiting');
    expect(html).toMatch(/<th>elapsed<\/th><td>12\.35 s<\/td>/);
    expect(html).toMatch(/<th>waiting for the target<\/th><td>10\.10 s<\/td>/);
    expect(html).toContain('the last 1 lines; 41 earlier lines left out, all in target-output.log');
  });
});
