// Signals a case uses to end early. Each maps to a verdict without blaming the wrong party:
// a stopped case keeps the verdict of its checks, an unmet precondition is inconclusive, and
// anything else thrown is the harness's own error.

/** A required check failed; later steps cannot run. The verdict comes from the checks. */
export class CaseStopped extends Error {
  override readonly name = 'CaseStopped';
}

/** The target could not be brought into the state the case needs (e.g. it never registered). */
export class Inconclusive extends Error {
  override readonly name = 'Inconclusive';
}

/** The harness or its environment broke (socket, launcher, missing peer). Never the target's fault. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}
