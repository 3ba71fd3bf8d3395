// results.json of a real run validates against the documented JSON Schema
// (schemas/results.schema.json), and the schema rejects what version 2 does not allow; its
// companion trace.jsonl holds every datagram.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/report/run-report.ts';
import type { TraceLine } from '../../harness/report/stored/trace-jsonl.ts';
import { faultyCaseId, faultyRun, projectRoot, syntheticCase, syntheticReport } from './support.ts';

const schema = JSON.parse(readFileSync(join(projectRoot, 'schemas', 'results.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const problems = () => JSON.stringify(validate.errors, null, 2);

describe('results.json schema', () => {
  it('a real run with a forced failure validates', async () => {
    const run = await faultyRun();
    const results = JSON.parse(readFileSync(join(run.dir, 'results.json'), 'utf8'));
    expect(validate(results), problems()).toBe(true);
    expect(results.cases.find((c: { id: string }) => c.id === faultyCaseId).verdict).toBe('fail');
  }, 90_000);

  it('keeps every datagram of a failed case and the judged ones of a passed case; trace.jsonl keeps all', async () => {
    const run = await faultyRun();
    const results = JSON.parse(readFileSync(join(run.dir, 'results.json'), 'utf8')) as RunReport;
    const lines = readFileSync(join(run.dir, 'trace.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TraceLine);
    for (const c of results.cases) {
      const all = lines.filter((l) => l.case === c.id).map(({ case: _id, ...entry }) => entry);
      expect(all).toEqual(run.report.cases.find((r) => r.id === c.id)!.trace);
      const judged = new Set(c.checks.map((k) => k.at));
      const kept = c.verdict === 'fail' ? all : all.filter((t) => judged.has(t.seq));
      expect(c.trace).toEqual(kept);
      expect(c.traceOmitted ?? 0).toBe(all.length - kept.length);
    }
    expect(results.cases.some((c) => (c.traceOmitted ?? 0) > 0)).toBe(true);
  }, 90_000);

  it('rejects a report that breaks version 2', () => {
    const good = syntheticReport([syntheticCase()]);
    expect(validate(good), problems()).toBe(true);
    expect(validate({ ...good, schemaVersion: 1 })).toBe(false);
    expect(validate({ ...good, cases: [{ ...syntheticCase(), traceOmitted: 0 }] })).toBe(false);
    expect(validate({ ...good, cases: [{ ...syntheticCase(), verdict: 'passed' }] })).toBe(false);
    const { trace: _trace, ...noTrace } = syntheticCase();
    expect(validate({ ...good, cases: [noTrace] })).toBe(false);
  });

  it('takes an interruption and the history a bounded run dropped', () => {
    const good = syntheticReport([syntheticCase({ verdict: 'error', reason: 'interrupted' })]);
    const report = { ...good, interrupted: { signal: 'SIGTERM', notRun: ['LightweightM2M-1.1-int-102'] }, historyDropped: { traceRecords: 3, events: 0, limit: 50_000 } };
    expect(validate(report), problems()).toBe(true);
    expect(validate({ ...report, interrupted: { signal: 'SIGTERM' } })).toBe(false);
    expect(validate({ ...report, historyDropped: { traceRecords: -1, events: 0, limit: 1 } })).toBe(false);
  });

  it('takes a bounded output tail with the count of lines left out, and both case times', () => {
    const tail = [{ atMs: 10, stream: 'stderr', text: 'registered' }] as const;
    const report = syntheticReport([syntheticCase({ waitedMs: 900, targetOutput: tail, targetOutputOmitted: 12 })]);
    expect(validate(report), problems()).toBe(true);
    expect(validate(syntheticReport([syntheticCase({ targetOutput: tail, targetOutputOmitted: -1 })]))).toBe(false);
    expect(schema.definitions.case.properties.durationMs.description).toMatch(/^Elapsed/);
    expect(schema.definitions.case.properties.waitedMs.description).toMatch(/waiting for the target/);
  });

  it('takes configuration notes per case and once per run', () => {
    const note = { configuration: 'C.1', path: '/3/0/16', expected: 'U', actual: '"UQ"' };
    const report = syntheticReport([syntheticCase({ configurationNotes: [note] })]);
    expect(report.configurationNotes).toEqual([{ ...note, cases: [syntheticCase().id] }]);
    expect(validate(report), problems()).toBe(true);
    expect(validate({ ...report, configurationNotes: [note] })).toBe(false);
  });
});
