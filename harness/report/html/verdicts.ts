// How verdicts are named and ordered on the page.
import type { Verdict } from '../../run/verdict.ts';

export const verdictOrder: readonly Verdict[] = ['pass', 'fail', 'inconclusive', 'error', 'not-applicable'];

export const verdictName: Record<Verdict, string> = {
  pass: 'pass',
  fail: 'fail',
  inconclusive: 'inconclusive',
  error: 'error',
  'not-applicable': 'n/a',
};
