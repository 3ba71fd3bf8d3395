// Every connectivity management, application data and event log case (int-1200 … 2001) passes
// against the faithful reference device and fails, on the named check, against the device with
// the fault the case exists to catch.
import { describe, expect, it } from 'vitest';
import { additionalObjectCases } from '../../suites/client/objects/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { CaseResult } from '../../harness/run/result.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';

/** case id (without the ETS prefix) → the fault that breaks it → the check that must fail. */
const faultTable: { id: string; fault: string; check: string }[] = [
  { id: 'int-1200', fault: 'cellular-timers-off-configuration', check: 'D' },
  { id: 'int-1201', fault: 'cellular-profile-names-empty', check: 'E' },
  { id: 'int-1202', fault: 'cellular-psm-write-ignored', check: 'D' },
  { id: 'int-1203', fault: 'notify-ignores-pmax', check: 'D' },
  { id: 'int-1204', fault: 'notify-ignores-pmax', check: 'D' },
  { id: 'int-1250', fault: 'apn-enable-ignored', check: 'H' },
  { id: 'int-1350', fault: 'bearer-preference-ignored', check: 'B' },
  { id: 'int-1900', fault: 'notify-ignores-pmax', check: 'D' },
  { id: 'int-1901', fault: 'app-data-truncated', check: 'C' },
  { id: 'int-2000', fault: 'event-log-start-ignored', check: 'B' },
  { id: 'int-2001', fault: 'event-log-data-lost', check: 'F' },
];

const byId = (id: string) => additionalObjectCases.find((c) => c.id.endsWith(`-${id}`))!;

const explain = (r: CaseResult) =>
  `${r.id}: ${r.verdict} ${r.reason ?? ''}\n${r.checks.map((c) => `  ${c.id} ${c.verdict} ${JSON.stringify(c.actual)}`).join('\n')}\n${r.notes.join('\n')}`;

describe('additional object cases against the faithful reference device', () => {
  it('every case passes', async () => {
    const results = await runCases(additionalObjectCases, referenceDeviceProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 240_000);
});

describe('additional object cases against faulty reference devices', () => {
  it('every case has a fault that catches it', () => {
    for (const c of additionalObjectCases) expect(faultTable.map((f) => byId(f.id).id)).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check }) => {
    const [result] = await runCases([byId(id)], referenceDeviceProfile([fault]));
    expect(result!.verdict, explain(result!)).toBe('fail');
    const failed = result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
    expect(failed, explain(result!)).toContain(check);
  }, 90_000);
});
