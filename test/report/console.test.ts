// Console output: verdict colours only on a terminal without NO_COLOR, the live progress line
// only on a terminal, and failure details that point at the judged message.
import { describe, expect, it } from 'vitest';
import { ansi, colourEnabled, paintFor } from '../../harness/report/colour.ts';
import { caseLine, failureLines, summaryLines } from '../../harness/report/console.ts';
import { Progress } from '../../harness/report/progress.ts';
import { syntheticCase, syntheticReport } from './support.ts';

const failed = syntheticCase({
  verdict: 'fail',
  checks: [{ id: 'A', level: 'MUST', verdict: 'fail', description: 'Register arrives', expected: 'POST /rd', actual: 'PUT /rd', at: 0, atMs: 5 }],
});

describe('console', () => {
  it('colours only on a terminal, never with NO_COLOR', () => {
    expect(colourEnabled(true, {})).toBe(true);
    expect(colourEnabled(false, {})).toBe(false);
    expect(colourEnabled(undefined, {})).toBe(false);
    expect(colourEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(caseLine(failed, 1, 1, paintFor(false))).not.toContain('\x1b[');
    expect(caseLine(failed, 1, 1, ansi)).toContain('\x1b[31mFAIL');
    expect(summaryLines(syntheticReport([failed]), paintFor(false)).join('\n')).not.toContain('\x1b[');
  });

  it('the summary lists configuration notes once per run', () => {
    const note = { configuration: 'C.1', path: '/3/0/16', expected: 'U', actual: '"UQ"' };
    const text = summaryLines(syntheticReport([syntheticCase({ configurationNotes: [note] }), syntheticCase({ id: 'other', configurationNotes: [note] })])).join('\n');
    expect(text.match(/\/3\/0\/16 = "UQ", ETS C\.1 has "U" \(not needed by 2 cases that read it\)/g)).toHaveLength(1);
  });

  it('failure details name the check, expected, actual and mark the judged message', () => {
    const text = failureLines(syntheticReport([failed])).join('\n');
    expect(text).toContain('check A [MUST] Register arrives (message #0)');
    expect(text).toContain('expected: POST /rd');
    expect(text).toContain('actual:   PUT /rd');
    expect(text).toMatch(/> #0 +0\.005s 127\.0\.0\.1:40000 -> 127\.0\.0\.1:5683 {2}CON 0\.02 POST \/rd mid=1/);
  });

  it('progress shows done/total, elapsed and the running case; writes nothing when not a terminal', () => {
    const written: string[] = [];
    const tty = new Progress({ write: (t) => written.push(t), isTTY: true }, 7);
    tty.caseStarted('LightweightM2M-1.1-int-101');
    tty.caseDone();
    tty.caseStarted('LightweightM2M-1.1-int-102');
    expect(tty.status()).toMatch(/^\[1\/7\] \d+s elapsed {2}running LightweightM2M-1\.1-int-102$/);
    tty.stop();
    expect(written.join('')).toContain('running LightweightM2M-1.1-int-102');
    expect(written.at(-1)).toBe('\r\x1b[2K');

    const logged: string[] = [];
    const pipe = new Progress({ write: (t) => logged.push(t), isTTY: false }, 7);
    pipe.caseStarted('LightweightM2M-1.1-int-101');
    pipe.draw();
    pipe.stop();
    expect(logged).toEqual([]);
  });
});
