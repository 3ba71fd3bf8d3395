// Runs one case against a prepared environment and turns what happened into a CaseResult:
// applicability first, then the case body under an overall deadline, then the verdict.
import type { CaseDefinition } from './case.ts';
import { notApplicableReason } from './applicability.ts';
import { createCaseContext } from './context.ts';
import { CaseStopped, HarnessError, Inconclusive, Interrupted, NoAnswer } from '../errors.ts';
import type { CaseResult } from './result.ts';
import type { TargetView } from '../targets/target-view.ts';
import { caseVerdictOf, worstVerdict, type Verdict } from './verdict.ts';
import { toTraceEntries } from './trace-entries.ts';
import type { CaseEnvironment } from '../sessions/session.ts';
import type { DriverName } from '../targets/driver-spec.ts';
import type { DriverValues } from '../targets/driver-payload.ts';
import { withTargetFindings } from './target-findings.ts';


export interface ExecuteOptions {
  /** Aborted when the run is interrupted: the case stops at once with verdict error, reason "interrupted". */
  interrupt?: AbortSignal;
}

export async function executeCase(def: CaseDefinition, env: EnvironmentOrTarget, options: ExecuteOptions = {}): Promise<CaseResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const base = {
    id: def.id,
    title: def.title,
    interface: def.interface,
    tests: def.tests,
    ref: def.ref,
    ...(def.config !== undefined ? { config: def.config } : {}),
    startedAt,
  };

  const na = notApplicableReason(def, env.target);
  if (na !== undefined || !('prepare' in env)) {
    return { ...base, verdict: 'not-applicable', reason: na ?? 'no environment', durationMs: 0, checks: [], notes: [], trace: [] };
  }

  const mark = env.trace.mark();
  const waitedBefore = env.waitedMs();
  const abort = new AbortController();
  const ctx = createCaseContext({
    target: env.target,
    ...(env.server ? { server: env.server } : {}),
    ...(env.bootstrap ? { bootstrap: env.bootstrap } : {}),
    ...(env.secureAccounts ? { secureAccounts: env.secureAccounts } : {}),
    ...(env.secondServer ? { secondServer: env.secondServer } : {}),
    ...(env.clients ? { clients: env.clients } : {}),
    trace: env.trace,
    ...(env.serverAccount ? { serverAccount: () => env.serverAccount!() } : {}),
    ...(env.drive ? { drive: (name: DriverName, values?: DriverValues) => env.drive!(name, values) } : {}),
    signal: abort.signal,
    startedAt: t0,
  });
  let verdict: Verdict;
  let reason: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const { interrupt } = options;
  let onInterrupt: (() => void) | undefined;
  // What the case had judged when the run was interrupted: its body may go on a moment, and
  // what it judges then (its waits cut short) is not the target's doing.
  let judgedAtInterrupt: { checks: number; notes: number } | undefined;
  try {
    const body = (async () => {
      await env.prepare({ interface: def.interface, ...(def.reset ? { reset: def.reset } : {}), ...(def.provisions ? { provisions: true } : {}), started: () => ctx.markStart(), note: (text: string) => ctx.note(text) }, abort.signal);
      await def.run(ctx);
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new HarnessError(`the case did not finish within its overall deadline of ${env.caseDeadlineMs / 1000} s`)),
        env.caseDeadlineMs,
      );
    });
    const interrupted = new Promise<never>((_, reject) => {
      onInterrupt = () => {
        judgedAtInterrupt = { checks: ctx.checks.length, notes: ctx.notes.length };
        reject(new Interrupted());
      };
      if (interrupt?.aborted) onInterrupt();
      else interrupt?.addEventListener('abort', onInterrupt, { once: true });
    });
    await Promise.race([body, deadline, interrupted]);
    verdict = worstVerdict(ctx.checks.map((c) => caseVerdictOf(c.verdict)));
    if (ctx.checks.length === 0) {
      verdict = 'error';
      reason = 'the case recorded no check';
    }
  } catch (thrown) {
    const fromChecks = worstVerdict(ctx.checks.map((c) => caseVerdictOf(c.verdict)));
    if (thrown instanceof Interrupted) {
      verdict = 'error';
      reason = thrown.message;
    } else if (thrown instanceof CaseStopped) {
      verdict = fromChecks;
      reason = thrown.message;
    } else if (thrown instanceof NoAnswer) {
      verdict = worstVerdict([fromChecks, 'inconclusive']);
      reason = thrown.message;
    } else if (thrown instanceof Inconclusive) {
      verdict = worstVerdict([fromChecks, 'inconclusive']);
      reason = `precondition not met: ${thrown.message}`;
    } else {
      verdict = 'error';
      reason = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    }
  } finally {
    clearTimeout(timer);
    if (onInterrupt) interrupt?.removeEventListener('abort', onInterrupt);
    // Restores what the case changed on the target while its peers can still reach it; an
    // interrupted run stops the target instead, and must end within seconds.
    if (!interrupt?.aborted) await ctx.runAfterCase();
    abort.abort();
  }
  if (!interrupt?.aborted) ({ verdict, reason } = await withTargetFindings(def, env, ctx, mark, { verdict, ...(reason !== undefined ? { reason } : {}) }));
  return {
    ...base,
    verdict,
    ...(reason !== undefined ? { reason } : {}),
    durationMs: Math.round(performance.now() - t0),
    waitedMs: Math.round(env.waitedMs() - waitedBefore),
    checks: judgedAtInterrupt ? ctx.checks.slice(0, judgedAtInterrupt.checks) : ctx.checks,
    notes: judgedAtInterrupt ? ctx.notes.slice(0, judgedAtInterrupt.notes) : ctx.notes,
    ...(ctx.configurationNotes.length ? { configurationNotes: ctx.configurationNotes } : {}),
    trace: toTraceEntries(env.trace.since(mark), t0),
  };
}

/** A full environment, or only the target view when the run decides applicability alone. */
export type EnvironmentOrTarget = CaseEnvironment | { readonly target: TargetView };
