// Timings in a profile that would make a run judge the wrong thing: two events the cases must
// tell apart that the timings let coincide, and cases whose own waits outlast the case deadline.
import type { CaseDefinition } from './case.ts';
import type { TargetView } from '../targets/target-view.ts';
import type { TransmissionParams } from '../coap/transmission.ts';
import { notApplicableReason } from './applicability.ts';

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** One line per problem, naming the profile fields to change. `coap`: the CoAP timers the profile gives harness and target. */
export function timingWarnings(target: TargetView, cases: readonly CaseDefinition[], coap?: TransmissionParams): string[] {
  const t = target.timing;
  const warnings: string[] = [];
  // Values that cannot survive one lost datagram, which field links lose every day.
  if (coap && coap.maxRetransmit === 0) {
    warnings.push('timing.coap.maxRetransmit is 0: one lost datagram leaves a request without an answer, and its case inconclusive');
  }
  if (coap && target.role === 'client' && t.reactionWithinMs < coap.ackTimeoutMs * coap.ackRandomFactor) {
    warnings.push(`timing.reactionWithin (${seconds(t.reactionWithinMs)}) is below the first retransmission of a lost datagram (timing.coap.ackTimeout × ${coap.ackRandomFactor} = ${seconds(coap.ackTimeoutMs * coap.ackRandomFactor)}): over a link that loses datagrams unseen, a reaction whose first datagram was lost arrives too late`);
  }
  if (target.role === 'client') {
    if (t.reactionWithinMs >= t.pmaxS * 1000) {
      warnings.push(`timing.reactionWithin (${seconds(t.reactionWithinMs)}) is not below timing.pmax (${t.pmaxS} s): a notification the harness provokes cannot be told from a pmax one`);
    }
    if ((t.pmaxS - t.pminS) * 1000 < 2 * t.toleranceMs) {
      warnings.push(`timing.pmax - timing.pmin (${t.pmaxS - t.pminS} s) is less than twice timing.tolerance (${seconds(t.toleranceMs)}): a notification at pmin cannot be told from one at pmax`);
    }
    if (target.features.has('send:periodic') && t.sendPeriodMs <= t.toleranceMs) {
      warnings.push(`timing.sendPeriod (${seconds(t.sendPeriodMs)}) is not above timing.tolerance (${seconds(t.toleranceMs)}): one periodic Send cannot be told from the next`);
    }
  }
  for (const c of cases) {
    if (!c.waitsMs || notApplicableReason(c, target) !== undefined) continue;
    const waits = c.waitsMs(target);
    if (waits >= t.caseDeadlineMs) {
      warnings.push(`${c.id} waits ${seconds(waits)} with these timings, not less than timing.caseDeadline (${seconds(t.caseDeadlineMs)}): raise the deadline or shorten its periods`);
    }
  }
  return warnings;
}
