// The test file vitest runs for `lwm2m-conformance run`: one vitest test per case, in order,
// against one session. The case's result travels to the main process in the test's meta.
import { afterAll, beforeAll, inject, test } from 'vitest';
import type { ResolvedTarget } from '../targets/resolve.ts';
import type { CaseDefinition } from '../run/case.ts';
import type { CaseResult } from '../run/result.ts';
import { CaseRun } from '../run/run-cases.ts';
import { recordForAllure } from '../report/allure-case.ts';

export interface RunRequest {
  /** The run's target, resolved once by the CLI (the worker never reads the profile). */
  target: ResolvedTarget;
  /** Module exporting `allCases`. */
  casesModule: string;
  caseIds: string[];
  /** Record each case for Allure too (allure-vitest's reporter is attached). */
  allure?: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lwm2mRun: RunRequest;
  }
  interface TaskMeta {
    lwm2m?: CaseResult;
  }
}

const request = inject('lwm2mRun');
const { allCases } = (await import(request.casesModule)) as { allCases: readonly CaseDefinition[] };
// Ids are unique per role: an ETS case may exist for a client and for a server under test.
const cases = request.caseIds.map((id) => {
  const found = allCases.find((c) => c.id === id && c.tests === request.target.view.role);
  if (!found) throw new Error(`unknown case ${id}`);
  return found;
});
const run = new CaseRun(request.target, cases);

beforeAll(() => run.open());
afterAll(() => run.close());

for (const def of cases) {
  test(def.id, async ({ task, skip }) => {
    const result = await run.run(def);
    task.meta.lwm2m = result;
    if (request.allure) await recordForAllure(result);
    if (result.verdict === 'not-applicable') skip(result.reason);
    if (result.verdict !== 'pass') {
      const error = new Error(`${result.verdict}: ${result.reason ?? failedChecks(result)}`);
      // Reporters (Allure) show an assertion error as "failed" and any other as "broken".
      if (result.verdict === 'fail') error.name = 'AssertionError';
      throw error;
    }
  });
}

function failedChecks(result: CaseResult): string {
  return result.checks.filter((c) => c.verdict === 'fail').map((c) => `${c.id} ${c.description}`).join('; ');
}
