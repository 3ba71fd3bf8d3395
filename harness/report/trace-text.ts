// Plain-text renderings shared by the console, JUnit and Allure outputs: a check value and one
// trace message per line, so a failure reads the same wherever it is shown.
import type { TraceEntry } from '../run/result.ts';

export function showValue(value: unknown): string {
  if (value === undefined) return '(nothing)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "   0.006s 127.0.0.1:5 -> 127.0.0.1:6  CON 0.02 POST /rd?… mid=1" */
export function traceLine(entry: TraceEntry): string {
  return `${(entry.atMs / 1000).toFixed(3).padStart(8)}s ${entry.from} -> ${entry.to}  ${entry.summary}`;
}

/** The last messages of a trace, and the ones failed checks judged, in order. */
export function traceExcerpt(trace: readonly TraceEntry[], judged: ReadonlySet<number>, last = 6): TraceEntry[] {
  const tail = new Set(trace.slice(-last).map((t) => t.seq));
  return trace.filter((t) => tail.has(t.seq) || judged.has(t.seq));
}
