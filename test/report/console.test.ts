// Console output: verdict colours only on a terminal without NO_COLOR, the live progress line
// only on a terminal, and failure details that point at the judged message.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFor } from '../../harness/commands/decode.ts';
import { contentFormat } from '../../harness/lwm2m/formats/index.ts';
import { ansi, colourEnabled, paintFor } from '../../harness/report/colour.ts';
import { caseLine, failureLines, summaryLines } from '../../harness/report/console.ts';
import { factLinesPerMessage } from '../../harness/report/message-facts.ts';
import { Progress } from '../../harness/report/progress.ts';
import { jsonFailureCase, projectRoot, syntheticCase, syntheticReport, traceOf } from './support.ts';

/** A failed case judging a TLV answer to a Read of `path`. */
function tlvFailureCase(path: string, body: Buffer): ReturnType<typeof syntheticCase> {
  const token = Buffer.from('0c', 'hex');
  const uri = path.split('/').filter(Boolean).map((s) => ({ number: 11, value: Buffer.from(s) }));
  const trace = traceOf([
    { direction: 'out', message: { type: 'CON', code: '0.01', messageId: 9, token, options: uri, payload: Buffer.alloc(0) } },
    { direction: 'in', message: { type: 'ACK', code: '2.05', messageId: 9, token, options: [{ number: 12, value: Buffer.from([0x2d, 0x16]) }, { number: 23, value: Buffer.from([0x0a]) }], payload: body } },
  ]);
  return syntheticCase({ verdict: 'fail', checks: [{ id: 'C', level: 'MUST', verdict: 'fail', description: 'values as configured', expected: 1, actual: 2, at: 1, atMs: 11 }], trace });
}

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

  it('a judged message shows its options, Content-Format by name and number, and its payload decoded', () => {
    const text = failureLines(syntheticReport([jsonFailureCase()])).join('\n');
    expect(text).toMatch(/> #1 .*ACK 2\.05 Content mid=7\n {10}ETag: 0xbeef\n {10}Content-Format: 50 \(application\/json\)\n/);
    expect(text).toContain('payload (application/json, 69 bytes), which reads as senml-json:');
    expect(text).toContain('/3/0/0 string "Open Mobile Alliance"');
    expect(text).toContain('/3/0/9 integer 87');
    // The request the check did not judge is listed without details.
    expect(text).not.toContain('Accept: 110');
  });

  it('payloads are decoded with the user\'s object definitions, and each message is cut to a bound with a count', () => {
    const model = modelFor(join(projectRoot, 'fixtures', 'objects'));
    const nodes = Array.from({ length: 20 }, (_, i) => ({ path: `/3/0/11/${i}`, type: 'integer' as const, value: BigInt(i) }));
    const long = failureLines(syntheticReport([tlvFailureCase('/3/0/11', Buffer.from(contentFormat(11542)!.encode(nodes, { path: '/3/0/11', model })))])).join('\n');
    expect(long).toContain('Content-Format: 11542 (application/vnd.oma.lwm2m+tlv)');
    expect(long).toContain('Block2: 0/1/64 (NUM/M/size)');
    expect(long).toContain('/3/0/11/0 integer 0');
    expect(long).toMatch(/… \d+ more line\(s\)/);
    expect(long.split('\n').filter((l) => l.startsWith('          ')).length).toBe(factLinesPerMessage);

    const vendor = [{ path: '/26241/0/1', type: 'integer' as const, value: 42n }];
    const body = Buffer.from(contentFormat(11542)!.encode(vendor, { path: '/26241/0', model }));
    const withObjects = failureLines(syntheticReport([tlvFailureCase('/26241/0', body)]), undefined, model).join('\n');
    expect(withObjects).toContain('/26241/0/1 integer 42');
    const builtIn = failureLines(syntheticReport([tlvFailureCase('/26241/0', body)])).join('\n');
    expect(builtIn).not.toContain('/26241/0/1 integer 42');
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
