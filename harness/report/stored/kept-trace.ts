// Which datagrams a case keeps in results.json: every one of a case that did not pass (a reader
// of a failure wants all of it at hand), otherwise only those its checks judged. The rest stay
// in trace.jsonl, so results.json stays small while no datagram is lost.
import type { CaseResult, TraceEntry } from '../../run/result.ts';

const passing = new Set<CaseResult['verdict']>(['pass', 'not-applicable']);

export function keptTrace(c: CaseResult): TraceEntry[] {
  if (!passing.has(c.verdict)) return [...c.trace];
  const judged = new Set(c.checks.flatMap((k) => (k.at !== undefined ? [k.at] : [])));
  return c.trace.filter((t) => judged.has(t.seq));
}

/** The case as results.json stores it: the kept trace, and how many datagrams it leaves out. */
export function storedCase(c: CaseResult): CaseResult {
  const trace = keptTrace(c);
  const omitted = c.trace.length - trace.length;
  const { trace: _all, traceOmitted: _count, ...rest } = c;
  return { ...rest, trace, ...(omitted > 0 ? { traceOmitted: omitted } : {}) };
}
