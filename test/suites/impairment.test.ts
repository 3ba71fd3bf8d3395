// Registration cases run through the network impairment layer against the bundled device: with
// loss=0% the layer changes nothing (same verdicts, same checks as without it); with loss and a
// fixed seed the run still ends each case with a verdict, and the trace shows what was lost.
import { describe, expect, it } from 'vitest';
import { registrationCases } from '../../suites/client/registration/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { CaseResult } from '../../harness/run/result.ts';
import type { Profile } from '../../harness/targets/profile.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';
import { explain } from '../support/explain.ts';

const picked = registrationCases.filter((c) => ['LightweightM2M-1.1-int-101', 'LWM2MC-REG-001'].includes(c.id));

const impaired = (profile: Profile, impair: string): Profile => ({ ...profile, harness: { ...profile.harness, impair } });

/** What a run decided, without times and trace: verdicts and each check's outcome. */
const outcome = (results: CaseResult[]) => results.map((r) => ({ id: r.id, verdict: r.verdict, checks: r.checks.map((c) => `${c.id} ${c.verdict}`) }));

describe('registration cases through the impairment layer', () => {
  it('with loss=0% give what they give without the layer', async () => {
    const without = await runCases(picked, referenceDeviceProfile());
    const through = await runCases(picked, impaired(referenceDeviceProfile(), 'loss=0%'));
    expect(outcome(through)).toEqual(outcome(without));
    for (const r of through) expect(r.trace.some((t) => t.impairment !== undefined), explain(r)).toBe(false);
  }, 90_000);

  it('with loss and a fixed seed end with a verdict, the lost datagrams marked in the trace', async () => {
    const results = await runCases(picked, impaired(referenceDeviceProfile(), 'loss=15%,seed=11'));
    expect(results.map((r) => r.id)).toEqual(picked.map((c) => c.id));
    for (const r of results) expect(['pass', 'fail', 'inconclusive'], explain(r)).toContain(r.verdict);
    const lost = results.flatMap((r) => r.trace).filter((t) => t.impairment === 'dropped');
    expect(lost.length).toBeGreaterThan(0);
    for (const t of lost) expect(t.summary).toMatch(/\[dropped by impairment\]$/);
  }, 120_000);
});
