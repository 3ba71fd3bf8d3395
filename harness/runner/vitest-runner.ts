// Executes selected cases under vitest, programmatically: the entry file runs them in a worker,
// and this reporter, in the main process, hands each finished case to the caller as it ends.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { startVitest } from 'vitest/node';
import type { Reporter, TestCase } from 'vitest/node';
import AllureVitestReporter from 'allure-vitest/reporter';
import type { CaseResult } from '../run/result.ts';
import type { RunRequest } from './vitest-entry.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface VitestRunOutcome {
  results: CaseResult[];
  /** Errors vitest saw outside any case (the entry failed to load, a worker crashed). */
  harnessErrors: string[];
}

export interface VitestRunHooks {
  /** A case is about to run (its vitest test started). */
  onCaseStart?: (caseId: string) => void;
  /** Where allure-vitest writes its results (one file per case, each check a step); none when unset. */
  allureResultsDir?: string;
}

export async function runUnderVitest(
  request: Omit<RunRequest, 'casesModule'> & { casesModule?: string },
  onCaseDone: (result: CaseResult) => void,
  hooks: VitestRunHooks = {},
): Promise<VitestRunOutcome> {
  const results: CaseResult[] = [];
  const harnessErrors: string[] = [];
  const reporter: Reporter = {
    onTestCaseReady(testCase: TestCase) {
      hooks.onCaseStart?.(testCase.name);
    },
    onTestCaseResult(testCase: TestCase) {
      const result = testCase.meta().lwm2m;
      if (result) {
        results.push(result);
        onCaseDone(result);
      } else {
        const errors = testCase.result().errors ?? [];
        harnessErrors.push(`${testCase.name}: ${errors.map((e) => e.message).join('; ') || 'no result recorded'}`);
      }
    },
    onTestRunEnd(modules, unhandledErrors) {
      for (const m of modules) for (const e of m.errors()) harnessErrors.push(e.message);
      for (const e of unhandledErrors) harnessErrors.push(e.message ?? String(e));
    },
  };
  const vitest = await startVitest(
    'test',
    [],
    {
      config: false,
      root: projectRoot,
      include: ['harness/runner/vitest-entry.ts'],
      watch: false,
      reporters: hooks.allureResultsDir ? [reporter, new AllureVitestReporter({ resultsDir: hooks.allureResultsDir })] : [reporter],
      provide: {
        lwm2mRun: {
          ...request,
          casesModule: request.casesModule ?? resolve(projectRoot, 'suites', 'index.ts'),
          allure: hooks.allureResultsDir !== undefined,
        },
      },
      testTimeout: 0,
      hookTimeout: 120_000,
      teardownTimeout: 10_000,
      fileParallelism: false,
      maxWorkers: 1,
      passWithNoTests: true,
      // Node loads the harness itself (through tsx) instead of Vite's module runner: the
      // worker starts in well under a second instead of transforming every module first.
      experimental: { viteModuleRunner: false, nodeLoader: false },
      execArgv: ['--import', 'tsx'],
    },
    {},
  );
  await vitest.close();
  return { results, harnessErrors };
}
