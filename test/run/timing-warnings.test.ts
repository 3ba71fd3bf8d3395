// check-profile's timing warnings: timings that make two events indistinguishable, and cases
// whose own waits outlast the case deadline; the shipped reference profile has none.
import { describe, expect, it } from 'vitest';
import { allCases } from '../../suites/index.ts';
import { resolveProfile } from '../../harness/targets/resolve.ts';
import { timingWarnings } from '../../harness/run/timing-warnings.ts';
import type { Profile } from '../../harness/targets/profile.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';

const warningsFor = (timing: Partial<Profile['timing']>) => {
  const profile = referenceDeviceProfile();
  const resolved = resolveProfile({ ...profile, timing: { ...profile.timing, ...timing } });
  return timingWarnings(resolved.view, allCases, resolved.transmission);
};

describe('timing warnings', () => {
  it('none for the shipped reference profile', () => {
    expect(warningsFor({})).toEqual([]);
  });

  it('a reaction time not below pmax, and pmin and pmax closer than the tolerance allows', () => {
    expect(warningsFor({ reactionWithin: 2 }).join('\n')).toMatch(/timing\.reactionWithin \(2 s\) is not below timing\.pmax \(2 s\)/);
    expect(warningsFor({ pmin: 1, pmax: 2, tolerance: 0.8 }).join('\n')).toMatch(/timing\.pmax - timing\.pmin \(1 s\) is less than twice timing\.tolerance/);
  });

  it('values that cannot survive one lost datagram: no retransmission, or a reaction deadline before the first retransmission', () => {
    const coap = referenceDeviceProfile().timing.coap;
    expect(warningsFor({ coap: { ...coap, maxRetransmit: 0 } }).join('\n')).toMatch(/timing\.coap\.maxRetransmit is 0: one lost datagram leaves a request without an answer/);
    expect(warningsFor({ coap: { ...coap, ackTimeout: 1 } }).join('\n')).toMatch(/timing\.reactionWithin \(1 s\) is below the first retransmission of a lost datagram \(timing\.coap\.ackTimeout × 1\.5 = 1\.5 s\)/);
  });

  it('a case whose own waits outlast timing.caseDeadline, by name', () => {
    const warnings = warningsFor({ sendPeriod: 25, caseDeadline: 60 });
    expect(warnings.join('\n')).toMatch(/LightweightM2M-1\.1-int-307 waits 76\.5 s with these timings, not less than timing\.caseDeadline \(60 s\)/);
    expect(warnings.join('\n')).not.toMatch(/int-306/);
  });
});
