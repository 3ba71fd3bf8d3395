// What the wire and the session know beyond a case's own checks, applied to its verdict once the
// body has ended: a Message ID the target reused (RFC 7252 §4.4), which explains a message the
// harness dropped as a duplicate, and a reset driver that ran without the device showing it.
import type { CaseDefinition } from './case.ts';
import type { RecordedContext } from './context.ts';
import type { CaseEnvironment } from '../sessions/session.ts';
import type { Verdict } from './verdict.ts';

export interface Judged {
  verdict: Verdict;
  reason?: string;
}

/** The verdict after the findings: a MID reuse fails the case; a reset that did not take makes a failing case inconclusive. */
export async function withTargetFindings(def: CaseDefinition, env: CaseEnvironment, ctx: RecordedContext, traceMark: number, judged: Judged): Promise<Judged> {
  if (judged.verdict === 'error') return judged;
  const reuses = env.trace.midReusesSince(traceMark);
  if (reuses.length > 0) {
    const shown = reuses.map((r) => `MID ${r.messageId} of #${r.firstSeq} again in #${r.seq}, a new message (another token or payload), from ${r.peer.address}:${r.peer.port}`);
    ctx.check('MID', 'MUST', 'The target does not reuse a Message ID with the same peer within EXCHANGE_LIFETIME', shown, [], { ref: 'RFC 7252 §4.4, §4.5', at: reuses[0]!.seq });
    const first = reuses[0]!;
    return {
      verdict: 'fail',
      reason: `the target reused Message ID ${first.messageId} (#${first.firstSeq}, then #${first.seq} with a new token or payload) within EXCHANGE_LIFETIME; ` +
        `the harness dropped #${first.seq} as a duplicate (RFC 7252 §4.4, §4.5)`,
    };
  }
  if (judged.verdict !== 'fail' && judged.verdict !== 'inconclusive') return judged;
  const notTaken = await env.resetNotTaken?.({ silenceJudged: def.judgesReset === true });
  if (notTaken === undefined) return judged;
  // What the case saw missing follows from a reset that never happened, not from the device's conduct.
  ctx.checks.forEach((c, i) => {
    if (c.verdict === 'fail') ctx.checks[i] = { ...c, verdict: 'inconclusive' };
  });
  return { verdict: 'inconclusive', reason: notTaken };
}
