// What the network impairment layer did shows wherever a trace is shown: the console summary
// names the spec and seed, the HTML chart marks the message and its details say what happened,
// the pcapng packet carries a comment, and results.json validates with the new fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { summaryLines } from '../../harness/report/console.ts';
import { reportHtml } from '../../harness/report/html/page.ts';
import { pcapng } from '../../harness/report/pcapng.ts';
import { traceLine } from '../../harness/report/trace-text.ts';
import type { TraceEntry } from '../../harness/run/result.ts';
import { projectRoot, syntheticCase, syntheticReport } from './support.ts';

const base = syntheticCase().trace[0]!;
const lost: TraceEntry = { ...base, seq: 1, atMs: 6, summary: `${base.summary} [dropped by impairment]`, impairment: 'dropped' };
const held: TraceEntry = { ...base, seq: 2, atMs: 40, summary: `${base.summary} [delayed 35 ms by impairment]`, impairment: 'delayed', impairmentDelayMs: 35 };
const report = { ...syntheticReport([syntheticCase({ trace: [base, lost, held] })]), impairment: { spec: 'loss=5%,dup=1%', seed: 42 } };

describe('impairment marks in the reports', () => {
  it('the console names spec and seed, and trace lines carry the mark', () => {
    expect(summaryLines(report)).toContain('impairment: loss=5%,dup=1%, seed 42 (repeat with --impair loss=5%,dup=1% --seed 42)');
    expect(traceLine(lost)).toMatch(/\[dropped by impairment\]$/);
  });

  it('the HTML page shows the run\'s impairment, marks the messages and says what happened', () => {
    const html = reportHtml(report);
    expect(html).toContain('loss=5%,dup=1%, seed 42');
    expect(html).toMatch(/class="msg request impaired-dropped[^"]*" id="[^"]*-m1"/);
    expect(html).toContain('delayed (35 ms) by the network impairment layer');
  });

  it('the pcapng packets carry a comment', () => {
    const capture = pcapng(report).toString('latin1');
    expect(capture).toContain('impairment: dropped (never reached its receiver)');
    expect(capture).toContain('impairment: delayed 35 ms');
  });

  it('results.json validates with the run\'s impairment and the marks', () => {
    const schema = JSON.parse(readFileSync(join(projectRoot, 'schemas', 'results.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, impairment: { spec: 'loss=5%' } })).toBe(false);
  });
});
