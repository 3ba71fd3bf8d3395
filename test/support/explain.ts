// A case's result as the message of a failed assertion: verdict and reason, every check with
// what it judged, and the notes, so a test failing in CI says why without a rerun.
import type { CaseResult } from '../../harness/run/result.ts';

export function explain(r: CaseResult): string {
  const checks = r.checks.map((c) => `  ${c.id} ${c.verdict} ${JSON.stringify(c.actual)}`).join('\n');
  return `${r.id}: ${r.verdict} ${r.reason ?? ''}\n${checks}\n${(r.notes ?? []).join('\n')}`;
}
