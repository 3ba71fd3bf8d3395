// Verdicts of cases and checks, and how they combine: the worst one wins.

export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'error' | 'not-applicable';

/** Requirement level of a check, as the specification words it. */
export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** A check's own outcome; a failed SHOULD or MAY is a warning, never a fail. */
export type CheckVerdict = 'pass' | 'fail' | 'warning' | 'inconclusive';

const severity: Record<Verdict, number> = {
  'not-applicable': 0,
  pass: 1,
  inconclusive: 2,
  fail: 3,
  error: 4,
};

export function worstVerdict(verdicts: Iterable<Verdict>, empty: Verdict = 'pass'): Verdict {
  let worst: Verdict | undefined;
  for (const v of verdicts) if (worst === undefined || severity[v] > severity[worst]) worst = v;
  return worst ?? empty;
}

/** The case verdict a check outcome contributes to. */
export function caseVerdictOf(check: CheckVerdict): Verdict {
  return check === 'warning' ? 'pass' : check;
}
