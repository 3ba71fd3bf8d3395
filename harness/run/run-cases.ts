// A run of cases against one target, one case at a time. `CaseRun` is driven step by step by
// the vitest entry (one test per case); `runCases` drives it in a plain loop for the project's
// own tests.
import type { CaseDefinition } from './case.ts';
import { executeCase, type ExecuteOptions } from './execute.ts';
import type { ClientSession } from '../sessions/client-session.ts';
import type { ServerSession } from '../sessions/server-session.ts';
import { notApplicableReason } from './applicability.ts';
import type { CaseResult } from './result.ts';
import type { TargetView } from '../targets/target-view.ts';
import type { SessionOptions } from '../sessions/session.ts';
import type { Profile } from '../targets/profile.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';
import { TargetOutputLog } from './output-log.ts';
import { defaultOutputBound, outputTail, type OutputBound } from './output-tail.ts';

/** What a run keeps of the target's output: a bounded tail per case, and the whole in a log file. */
export interface OutputOptions {
  /** The tail a case's result keeps (default: defaultOutputBound). */
  outputBound?: OutputBound;
  /** Where the whole output goes (target-output.log), with a line at each case start. */
  outputLog?: string;
}

export class CaseRun {
  readonly target: TargetView;
  private session: ClientSession | ServerSession | undefined;
  private openError: string | undefined;
  private readonly log: TargetOutputLog | undefined;

  constructor(
    readonly resolved: ResolvedTarget,
    readonly cases: readonly CaseDefinition[],
    private readonly options: SessionOptions & OutputOptions = {},
  ) {
    this.target = resolved.view;
    this.log = options.outputLog !== undefined ? new TargetOutputLog(options.outputLog) : undefined;
  }

  /** Opens the session only when some case applies; not-applicable cases never touch the target. */
  async open(): Promise<void> {
    if (!this.cases.some((c) => notApplicableReason(c, this.target) === undefined)) return;
    try {
      // Only the session of the target's role loads: testing a device needs no simulated clients.
      this.session = this.target.role !== 'client'
        ? await (await import('../sessions/server-session.ts')).ServerSession.open(this.resolved, this.options)
        : await (await import('../sessions/client-session.ts')).ClientSession.open(this.resolved, this.options);
      const log = this.log;
      if (log) {
        // What the target printed while the session opened, then every line as it comes.
        for (const line of this.session.control.output()) log.line(line);
        this.session.control.onOutput((line) => log.line(line));
      }
    } catch (error) {
      this.openError = `the harness could not start the session: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async run(def: CaseDefinition, options: ExecuteOptions = {}): Promise<CaseResult> {
    if (this.openError !== undefined && notApplicableReason(def, this.target) === undefined) {
      return {
        id: def.id,
        title: def.title,
        interface: def.interface,
        tests: def.tests,
        ref: def.ref,
        verdict: 'error',
        reason: this.openError,
        startedAt: new Date().toISOString(),
        durationMs: 0,
        checks: [],
        notes: [],
        trace: [],
      };
    }
    const t0 = performance.now();
    if (this.session) this.log?.caseStarted(def.id);
    const result = await executeCase(def, this.session ?? { target: this.target }, options);
    const output = this.session?.control.output(t0) ?? [];
    if (output.length === 0) return result;
    // The end of the target's own output during the case, for finding out why it did what it did.
    const tail = outputTail(output, this.options.outputBound ?? defaultOutputBound);
    const kept = tail.lines.map((l) => ({ atMs: Math.round(l.atMs - t0), stream: l.stream, text: l.text }));
    return { ...result, targetOutput: kept, ...(tail.omitted > 0 ? { targetOutputOmitted: tail.omitted } : {}) };
  }

  /** What the session's trace and peers dropped to stay within their bounds, so far. */
  historyDropped(): HistoryDropped {
    const session = this.session;
    if (!session) return { traceRecords: 0, events: 0 };
    return {
      traceRecords: session.trace.dropped,
      events: (session.server?.events.dropped ?? 0) + (('bootstrap' in session ? session.bootstrap : undefined)?.events.dropped ?? 0),
    };
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    try {
      await session?.close();
    } finally {
      // After the target stopped: its last words belong in the log too.
      await this.log?.close();
    }
  }
}

/** Counts of what a run's bounded logs dropped (oldest first) to stay within their bound. */
export interface HistoryDropped {
  /** Datagram records and security events of the trace. */
  traceRecords: number;
  /** Events of the harness's server and bootstrap server. */
  events: number;
}

/** Runs cases against a profile built in memory (the project's own tests). */
export async function runCases(
  cases: readonly CaseDefinition[],
  profile: Profile,
  onCaseDone?: (result: CaseResult) => void,
): Promise<CaseResult[]> {
  const { resolveProfile } = await import('../targets/resolve.ts');
  const run = new CaseRun(resolveProfile(profile), cases);
  await run.open();
  const results: CaseResult[] = [];
  try {
    for (const def of cases) {
      const result = await run.run(def);
      results.push(result);
      onCaseDone?.(result);
    }
  } finally {
    await run.close();
  }
  return results;
}
