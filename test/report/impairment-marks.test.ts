// What the network impairment layer did shows wherever a trace is shown: the console summary
// names the spec and seed, the HTML chart marks the message and its details say what happened
// (drawn in chromium by html.test.ts),
// the pcapng packet carries a comment, and results.json validates with the new fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { summaryLines } from '../../harness/report/console.ts';
import { reportHtml } from '../../harness/report/html/page.ts';
import { pcapng } from '../../harness/report/pcapng.ts';
import { traceLine } from '../../harness/report/trace-text.ts';
import { caseData, impairedReport, projectRoot } from './support.ts';

const report = impairedReport;
const lost = report.cases[0]!.trace[1]!;

describe('impairment marks in the reports', () => {
  it('the console names spec and seed, and trace lines carry the mark', () => {
    expect(summaryLines(report)).toContain('impairment: loss=5%,dup=1%, seed 42 (repeat with --impair loss=5%,dup=1% --seed 42)');
    expect(traceLine(lost)).toMatch(/\[dropped by impairment\]$/);
  });

  it('the HTML page shows the run\'s impairment, marks the messages and says what happened', () => {
    const html = reportHtml(report);
    expect(html).toContain('loss=5%,dup=1%, seed 42');
    // The page's script draws the marks from the case's data (html.test.ts sees them drawn).
    const [, dropped, delayed] = caseData(html)[0]!.messages;
    expect(dropped![7]).toMatchObject({ impairment: 'dropped' });
    expect(delayed![7]).toMatchObject({ impairment: 'delayed', impairmentDelayMs: 35 });
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
