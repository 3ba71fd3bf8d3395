// Every bootstrap case that applies to the bundled reference device passes against it and
// fails, on the named check, against the device with the fault the case exists to catch.
import { describe, expect, it } from 'vitest';
import { bootstrapCases } from '../../suites/client/bootstrap/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { CaseResult } from '../../harness/run/result.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';

/** case id → the fault that breaks it → the check that must fail. */
const faultTable: { id: string; fault: string; check: string }[] = [
  { id: 'LightweightM2M-1.1-int-0', fault: 'no-client-initiated-bootstrap', check: 'A' },
  { id: 'LightweightM2M-1.1-int-0', fault: 'bootstrap-write-created', check: 'C' },
  { id: 'LightweightM2M-1.1-int-0', fault: 'bootstrap-discover-without-version', check: 'F' },
  { id: 'LightweightM2M-1.1-int-0', fault: 'bootstrap-discover-without-ssid', check: 'G' },
  { id: 'LightweightM2M-1.1-int-4', fault: 'bootstrap-delete-everything', check: 'E' },
  { id: 'LightweightM2M-1.1-int-5', fault: 'bootstrap-trigger-ignored', check: 'C' },
  { id: 'LightweightM2M-1.1-int-8', fault: 'bootstrap-read-refused', check: 'B' },
  { id: 'LightweightM2M-1.1-int-9', fault: 'bootstrap-finish-unchecked', check: 'C' },
  { id: 'LWM2MC-BS-001', fault: 'bootstrap-delete-everything', check: 'C' },
  { id: 'LWM2MC-BS-002', fault: 'bootstrap-account-deletable', check: 'B' },
  { id: 'LWM2MC-BS-003', fault: 'bootstrap-write-created', check: 'B' },
  { id: 'LWM2MC-BS-004', fault: 'bootstrap-finish-unchecked', check: 'B' },
  { id: 'LWM2MC-BS-005', fault: 'bootstrap-lifetime-ignored', check: 'C' },
];

const explain = (r: CaseResult) =>
  `${r.id}: ${r.verdict} ${r.reason ?? ''}\n${r.checks.map((c) => `  ${c.id} ${c.verdict} ${JSON.stringify(c.actual)}`).join('\n')}\n${(r.notes ?? []).join('\n')}`;

/** Cases the bundled device can take part in (the others are not-applicable, saying why). */
const applicable = bootstrapCases.filter((c) => faultTable.some((f) => f.id === c.id));

describe('bootstrap cases against the faithful reference device', () => {
  it('every applicable case passes; the others are not-applicable', async () => {
    const results = await runCases(bootstrapCases, referenceDeviceProfile());
    for (const r of results) {
      if (applicable.some((c) => c.id === r.id)) expect(r.verdict, explain(r)).toBe('pass');
      else expect(r.verdict, explain(r)).toBe('not-applicable');
    }
  }, 90_000);
});

describe('bootstrap cases against faulty reference devices', () => {
  it('every applicable bootstrap case has a fault that catches it', () => {
    for (const c of applicable) expect(faultTable.map((f) => f.id)).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check }) => {
    const def = bootstrapCases.find((c) => c.id === id)!;
    const [result] = await runCases([def], referenceDeviceProfile([fault]));
    expect(result!.verdict, explain(result!)).toBe('fail');
    expect(result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id), explain(result!)).toContain(check);
  }, 60_000);
});
