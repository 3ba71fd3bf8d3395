// The test file vitest runs for `lwm2m-conformance run`: one vitest test per case, in order,
// against one session. The case's result travels to the main process in the test's meta.
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, inject, test } from 'vitest';
import type { ResolvedTarget } from '../targets/resolve.ts';
import type { CaseDefinition } from '../run/case.ts';
import type { CaseResult } from '../run/result.ts';
import { CaseRun, type HistoryDropped } from '../run/run-cases.ts';

export interface RunRequest {
  /** The run's target, resolved once by the CLI (the worker never reads the profile). */
  target: ResolvedTarget;
  /** The cases in run order: each by id and the module (absolute path) and export it lives in. */
  cases: CaseModule[];
  /** Record each case for Allure too (allure-vitest's reporter is attached). */
  allure?: boolean;
  /** Datagram records and peer events kept (default: the sessions' runHistoryLimit). */
  historyLimit?: number;
  /** Where the target's whole output goes (target-output.log beside the reports). */
  outputLog?: string;
}

export interface CaseModule {
  id: string;
  module: string;
  /** The export's name when not the default one. */
  export?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lwm2mRun: RunRequest;
  }
  interface TaskMeta {
    lwm2m?: CaseResult;
    /** What the run's bounded logs had dropped when the case ended. */
    lwm2mHistoryDropped?: HistoryDropped;
  }
}

const request = inject('lwm2mRun');
// Only the selected cases' modules load: a one-case run does not pay for the whole suite.
const cases = await Promise.all(request.cases.map(async ({ id, module, export: name }) => {
  const found = ((await import(pathToFileURL(module).href)) as Record<string, CaseDefinition | undefined>)[name ?? 'default'];
  // Ids are unique per role: an ETS case may exist for a client and for a server under test.
  if (found?.id !== id || found.tests !== request.target.view.role) throw new Error(`case ${id} is not the ${name ?? 'default'} export of ${module} (regenerate suites/catalogue.json)`);
  return found;
}));
const run = new CaseRun(request.target, cases, {
  ...(request.historyLimit !== undefined ? { historyLimit: request.historyLimit } : {}),
  ...(request.outputLog !== undefined ? { outputLog: request.outputLog } : {}),
});
/** The case running: an interruption rejects its test at once, and afterEach waits for its result. */
let running: Promise<CaseResult> | undefined;
/** Allure's recording, loaded once the session is open (while the target starts): no case needs it before it ends. */
let allureCase: Promise<typeof import('../report/allure-case.ts')> | undefined;

// The main process handles SIGINT and SIGTERM (a terminal's Ctrl+C reaches this process too):
// it cancels the vitest run, which stops the case running, and this worker then stops the target.
const leaveToMain = () => {};
process.on('SIGINT', leaveToMain);
process.on('SIGTERM', leaveToMain);
// Should the main process end at once (a second signal), the target and temporary keys go with this worker.
const orphaned = () => {
  const exit = () => process.exit(2);
  setTimeout(exit, 10_000).unref();
  void run.close().then(exit, exit);
};
process.once('disconnect', orphaned);

beforeAll(async () => {
  await run.open();
  if (request.allure) allureCase = import('../report/allure-case.ts');
});
afterAll(async () => {
  await run.close();
  process.off('disconnect', orphaned);
  // Vitest stops its worker with SIGTERM once the file is done.
  process.off('SIGTERM', leaveToMain);
  process.off('SIGINT', leaveToMain);
});

afterEach(async ({ task }) => {
  if (task.meta.lwm2m === undefined && running) task.meta.lwm2m = await running;
  running = undefined;
  task.meta.lwm2mHistoryDropped = run.historyDropped();
});

for (const def of cases) {
  test(def.id, async ({ task, skip, signal }) => {
    running = run.run(def, { interrupt: signal });
    const result = await running;
    // Interrupted: vitest has ended this test already, and afterEach took its result.
    if (signal.aborted) return;
    task.meta.lwm2m = result;
    if (allureCase) await (await allureCase).recordForAllure(result);
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
