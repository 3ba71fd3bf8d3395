// The two proofs every client case owes, as one pair of test suites: each case passes against
// the faithful reference device, and for each row of a fault table the case fails, on the named
// check, against the device with that fault; every case has a row.
import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../harness/run/case.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { explain } from './explain.ts';
import { referenceDeviceProfile } from './reference-profile.ts';

/** A case id (without the ETS prefix), a fault that breaks it, and the check that must fail. */
export interface FaultRow {
  id: string;
  fault: string;
  check: string;
}

export function faultTableSuites(name: string, cases: readonly CaseDefinition[], table: readonly FaultRow[]): void {
  const byId = (id: string) => cases.find((c) => c.id.endsWith(`-${id}`))!;

  describe(`${name} against the faithful reference device`, () => {
    it('every case passes', async () => {
      const results = await runCases([...cases], referenceDeviceProfile());
      for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
      expect(results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    }, 240_000);
  });

  describe(`${name} against faulty reference devices`, () => {
    it('every case has at least one fault that catches it', () => {
      for (const c of cases) expect(table.map((f) => byId(f.id).id)).toContain(c.id);
    });

    it.concurrent.each([...table])('$id fails on check $check with fault $fault', async ({ id, fault, check }) => {
      const [result] = await runCases([byId(id)], referenceDeviceProfile([fault]));
      expect(result!.verdict, explain(result!)).toBe('fail');
      const failed = result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
      expect(failed, explain(result!)).toContain(check);
    }, 90_000);
  });
}
