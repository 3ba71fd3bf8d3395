// Executes selected cases under vitest, programmatically: the entry file runs them in a worker,
// and this reporter, in the main process, hands each finished case to the caller as it ends.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { startVitest } from 'vitest/node';
import type { Reporter, TestCase } from 'vitest/node';
import AllureVitestReporter from 'allure-vitest/reporter';
import { treeInUse } from '../loader/tree-in-use.ts';
import type { CaseResult } from '../run/result.ts';
import type { HistoryDropped } from '../run/run-cases.ts';
import type { RunRequest } from './vitest-entry.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The worker loads the harness as this process did (harness/loader): from the compiled tree when
// it runs from there, else from the sources through the module hooks.
const moduleHooks = new URL('../loader/register.js', import.meta.url).href;

/** How the worker loads the harness and the cases. */
interface WorkerLoading {
  /** The entry file vitest runs, relative to the project root. */
  entry: string;
  /** Node's flags for the worker. */
  execArgv: string[];
  /** A module of the harness (a source path) as the worker loads it. */
  module(source: string): string;
}

function workerLoading(cases: readonly { module: string }[]): WorkerLoading {
  const tree = treeInUse;
  const fromSources: WorkerLoading = { entry: 'harness/runner/vitest-entry.ts', execArgv: ['--import', moduleHooks], module: (source) => source };
  // Cases from outside the package (none but its own are listed today) load through the hooks.
  if (tree === undefined || cases.some((c) => !c.module.startsWith(projectRoot + sep) || !c.module.endsWith('.ts'))) return fromSources;
  const treeDir = fileURLToPath(tree);
  const module = (source: string) => join(treeDir, relative(projectRoot, source)).replace(/\.ts$/, '.js');
  return { entry: relative(projectRoot, module(join(projectRoot, fromSources.entry))), execArgv: ['--enable-source-maps'], module };
}

export interface VitestRunOutcome {
  results: CaseResult[];
  /** Errors vitest saw outside any case (the entry failed to load, a worker crashed). */
  harnessErrors: string[];
  /** What the run's bounded trace and peer logs dropped, as of the last case. */
  historyDropped: HistoryDropped;
}

export interface VitestRunHooks {
  /** A case is about to run (its vitest test started). */
  onCaseStart?: (caseId: string) => void;
  /** Where allure-vitest writes its results (one file per case, each check a step); none when unset. */
  allureResultsDir?: string;
  /**
   * Aborted to interrupt the run: the case running ends with verdict error ("interrupted"), the
   * cases after it do not run, and the worker stops the target before the outcome returns.
   */
  interrupt?: AbortSignal;
}

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

/**
 * A module the worker imports first that starts loading the run's harness modules and first cases in
 * the background: the loader compiles and reads them while vitest's own runtime starts, and the
 * entry then finds them loaded. Failures are left to the entry's own imports to report.
 */
function warmModules(request: RunRequest, loading: WorkerLoading): string {
  const role = request.target.view.role;
  const harness = (name: string) => pathToFileURL(loading.module(fileURLToPath(new URL(name, import.meta.url)))).href;
  const modules = [
    harness('../run/run-cases.ts'),
    harness(role === 'client' ? '../sessions/client-session.ts' : '../sessions/server-session.ts'),
    // The first cases only: they are the ones waited for, and the argument stays short however many run.
    ...request.cases.slice(0, 8).map((c) => pathToFileURL(c.module).href),
  ];
  const source = [...new Set(modules)].map((m) => `import(${JSON.stringify(m)}).catch(() => {});`).join('\n');
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

export async function runUnderVitest(
  request: RunRequest,
  onCaseDone: (result: CaseResult) => void,
  hooks: VitestRunHooks = {},
): Promise<VitestRunOutcome> {
  const results: CaseResult[] = [];
  const harnessErrors: string[] = [];
  let historyDropped: HistoryDropped = { traceRecords: 0, events: 0 };
  const { interrupt } = hooks;
  const loading = workerLoading(request.cases);
  const run: RunRequest = { ...request, cases: request.cases.map((c) => ({ ...c, module: loading.module(c.module) })) };
  // Vitest's own SIGINT/SIGTERM handlers end the process at once; the caller handles these
  // signals (through `interrupt`), so the ones vitest adds are taken off again.
  const ownHandlers = new Map(stopSignals.map((name) => [name, new Set(process.listeners(name))]));
  const removeVitestHandlers = () => {
    for (const name of stopSignals) {
      for (const listener of process.listeners(name)) if (!ownHandlers.get(name)!.has(listener)) process.off(name, listener);
    }
  };
  const reporter: Reporter = {
    onInit(vitest) {
      removeVitestHandlers();
      if (!interrupt) return;
      const cancel = () => void vitest.cancelCurrentRun('keyboard-input');
      if (interrupt.aborted) cancel();
      else interrupt.addEventListener('abort', cancel, { once: true });
    },
    onTestCaseReady(testCase: TestCase) {
      // After an interruption vitest still reports the cases it skips as ready.
      if (!interrupt?.aborted) hooks.onCaseStart?.(testCase.name);
    },
    onTestCaseResult(testCase: TestCase) {
      const meta = testCase.meta();
      if (meta.lwm2mHistoryDropped) historyDropped = meta.lwm2mHistoryDropped;
      const result = meta.lwm2m;
      if (result) {
        results.push(result);
        onCaseDone(result);
      } else if (interrupt?.aborted && testCase.result().state === 'skipped') {
        // Not run: the run was interrupted before it.
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
      include: [loading.entry],
      // The compiled tree's entry lies under node_modules (its .cache), which vitest leaves out by default.
      exclude: [],
      watch: false,
      reporters: hooks.allureResultsDir ? [reporter, new AllureVitestReporter({ resultsDir: hooks.allureResultsDir })] : [reporter],
      provide: {
        lwm2mRun: { ...run, allure: hooks.allureResultsDir !== undefined },
      },
      testTimeout: 0,
      hookTimeout: 120_000,
      teardownTimeout: 10_000,
      fileParallelism: false,
      maxWorkers: 1,
      passWithNoTests: true,
      // Node loads the harness itself (harness/loader) instead of Vite's module runner: the worker
      // starts in well under a second instead of transforming every module first.
      experimental: { viteModuleRunner: false, nodeLoader: false },
      execArgv: [...loading.execArgv, '--import', warmModules(run, loading)],
    },
    {},
  );
  await vitest.close();
  removeVitestHandlers();
  return { results, harnessErrors, historyDropped };
}
