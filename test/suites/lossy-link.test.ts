// The registration and management cases over a link that loses 5 % of the datagrams each way,
// duplicates 1 % and reorders 2 % (fixtures/profiles/reference-device-lossy.yaml, a fixed seed):
// the verdicts of a clean link, with no fail and no inconclusive that the losses made. Losses
// are granted their retransmission time; none is blamed on the device.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCases } from '../../harness/run/run-cases.ts';
import { parseProfile } from '../../harness/targets/profile.ts';
import { allCases } from '../../suites/index.ts';
import { projectRoot } from '../support/shared.ts';
import { explain } from '../support/explain.ts';

const file = join(projectRoot, 'fixtures', 'profiles', 'reference-device-lossy.yaml');

describe('registration and management over a lossy link (reference-device-lossy.yaml)', () => {
  it('give the verdicts of a clean link: every applicable case passes, and the trace shows what was lost', async () => {
    const profile = parseProfile(readFileSync(file, 'utf8'), file);
    expect(profile.harness.impair).toMatch(/loss=5%/);
    const cases = allCases.filter((c) => c.tests === 'client' && (c.interface === 'registration' || c.interface === 'management'));
    const results = await runCases(cases, profile);
    for (const r of results) expect(['pass', 'not-applicable'], explain(r)).toContain(r.verdict);
    expect(results.filter((r) => r.verdict === 'pass').length).toBeGreaterThan(40);
    expect(results.flatMap((r) => r.trace).filter((t) => t.impairment === 'dropped').length).toBeGreaterThan(20);
  }, 400_000);
});
