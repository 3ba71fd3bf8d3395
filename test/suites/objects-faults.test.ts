// The Connectivity Monitoring, Location and Connectivity Statistics cases (objects 4, 6, 7) and
// the multi-server cases (ETS C.14) pass against the faithful reference device and fail, on the
// named check, against the device with the fault each case exists to catch.
import { describe, expect, it } from 'vitest';
import { monitoringCases } from '../../suites/client/objects/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { CaseResult } from '../../harness/run/result.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';

/** case id (without the ETS prefix) → the fault that breaks it → the check that must fail. */
const faultTable: { id: string; fault: string; check: string }[] = [
  { id: 'int-701', fault: 'connectivity-without-ip', check: 'B' },
  { id: 'int-710', fault: 'notify-ignores-pmax', check: 'C' },
  { id: 'int-801', fault: 'location-lat-lon-swapped', check: 'C' },
  { id: 'int-810', fault: 'notify-ignores-pmax', check: 'C' },
  { id: 'int-901', fault: 'stats-not-collected', check: 'D' },
  { id: 'int-901', fault: 'stats-stop-ignored', check: 'E' },
  { id: 'int-901', fault: 'stats-start-keeps-counters', check: 'H' },
  { id: 'int-905', fault: 'write-ignored', check: 'C' },
  { id: 'int-910', fault: 'stats-not-collected', check: 'F' },
  { id: 'int-950', fault: 'registers-first-server-only', check: 'D' },
  { id: 'int-951', fault: 'discover-shares-attributes', check: 'G' },
];

const byId = (id: string) => monitoringCases.find((c) => c.id.endsWith(`-${id}`))!;

const explain = (r: CaseResult) =>
  `${r.id}: ${r.verdict} ${r.reason ?? ''}\n${r.checks.map((c) => `  ${c.id} ${c.verdict} ${JSON.stringify(c.actual)}`).join('\n')}\n${r.notes.join('\n')}`;

describe('object 4, 6, 7 and multi-server cases against the faithful reference device', () => {
  it('every case passes', async () => {
    const results = await runCases(monitoringCases, referenceDeviceProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
    expect(results.map((r) => r.id)).toEqual(monitoringCases.map((c) => c.id));
  }, 240_000);
});

describe('object 4, 6, 7 and multi-server cases against faulty reference devices', () => {
  it('every case has at least one fault that catches it', () => {
    for (const c of monitoringCases) expect(faultTable.map((f) => byId(f.id).id)).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check }) => {
    const [result] = await runCases([byId(id)], referenceDeviceProfile([fault]));
    expect(result!.verdict, explain(result!)).toBe('fail');
    const failed = result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
    expect(failed, explain(result!)).toContain(check);
  }, 90_000);
});
