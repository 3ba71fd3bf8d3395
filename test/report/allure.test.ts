// Allure results of a real run: one result per case with its verdict's status, each check as a
// step with expected and actual, the trace attached; `npm run report:allure` builds the HTML
// offline from them.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultyCaseId, faultyCheckId, faultyRun, projectRoot } from './support.ts';

interface AllureResult {
  name: string;
  status: string;
  testCaseId?: string;
  /** Check steps, and the attachments, which Allure 3 records as steps holding them. */
  steps: { name: string; status?: string; parameters?: { name: string; value: string }[]; attachments: { name: string; source: string }[] }[];
}

describe('allure-results', () => {
  it('a result per case, each check a step, the trace attached; report:allure builds the HTML', async () => {
    const run = await faultyRun();
    const dir = join(run.dir, 'allure-results');
    const results = readdirSync(dir)
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as AllureResult);
    expect(results.length).toBe(run.report.cases.length);
    const failed = results.find((r) => r.name.startsWith(faultyCaseId))!;
    expect(failed.status).toBe('failed');
    const expected = run.report.cases.find((c) => c.id === faultyCaseId)!;
    expect(failed.steps.filter((s) => s.status !== undefined).length).toBe(expected.checks.length);
    const step = failed.steps.find((s) => s.name.startsWith(`${faultyCheckId} [MUST]`))!;
    expect(step.status).toBe('failed');
    expect(step.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['expected', 'actual']));
    const trace = failed.steps.flatMap((s) => s.attachments).find((a) => a.name === 'trace.txt')!;
    expect(readFileSync(join(dir, trace.source), 'utf8')).toContain('POST /rd?ep=');
    for (const r of results.filter((r) => r !== failed)) expect(r.status).toBe('passed');

    const built = await new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(projectRoot, 'harness', 'report', 'allure-build.ts'), run.dir], { cwd: projectRoot, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
      );
    });
    expect(built.code, built.out).toBe(0);
    expect(existsSync(join(run.dir, 'allure-report', 'index.html'))).toBe(true);
  }, 120_000);
});
