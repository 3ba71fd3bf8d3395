// Every Device Management, Information Reporting and object case passes against the faithful
// reference device and fails, on the named check, against the device with the fault the case
// exists to catch.
import { describe, expect, it } from 'vitest';
import { managementCases } from '../../suites/client/management/index.ts';
import { additionalObjectCases, firmwareCases, monitoringCases, objectCases } from '../../suites/client/objects/index.ts';
import { reportingCases } from '../../suites/client/reporting/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { Profile } from '../../harness/targets/profile.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';
import { explain } from '../support/explain.ts';

// Proven elsewhere: the Firmware Update cases in firmware-faults.test.ts, those of objects 4, 6, 7
// and C.14 in objects-faults.test.ts, the objects 10-20 ones in additional-object-faults.test.ts.
const provenElsewhere = new Set([...firmwareCases, ...monitoringCases, ...additionalObjectCases]);
const cases = [...managementCases, ...reportingCases, ...objectCases.filter((c) => !provenElsewhere.has(c))];

// The bundled device claims LwM2M 1.1, so the 1.2 cases are not-applicable to it; they are
// proven against the same device started as a 1.2 client (--lwm2m 1.2).
const isV12 = (id: string) => id.startsWith('LightweightM2M-1.2-');
const v11Cases = cases.filter((c) => !isV12(c.id));
const v12Cases = cases.filter((c) => isV12(c.id));

function asV12(profile: Profile): Profile {
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  return { ...profile, target: { ...profile.target, lwm2mVersion: '1.2' }, launch: { ...profile.launch, args: [...profile.launch.args, '--lwm2m', '1.2'] } };
}

const profileFor = (id: string, faults: readonly string[] = []) => (isV12(id) ? asV12(referenceDeviceProfile(faults)) : referenceDeviceProfile(faults));

/** case id (without the ETS prefix) → the fault that breaks it → the check that must fail. */
const faultTable: { id: string; fault: string; check: string }[] = [
  { id: 'int-201', fault: 'read-without-content-format', check: 'B' },
  { id: 'int-203', fault: 'ignore-accept', check: 'B' },
  { id: 'int-204', fault: 'ignore-accept', check: 'B' },
  { id: 'int-205', fault: 'write-ignored', check: 'B' },
  { id: 'int-211', fault: 'ignore-accept', check: 'B' },
  { id: 'int-212', fault: 'write-ignored', check: 'B' },
  { id: 'int-215', fault: 'write-ignored', check: 'B' },
  { id: 'int-220', fault: 'write-ignored', check: 'B' },
  { id: 'int-221', fault: 'security-object-readable', check: 'A' },
  { id: 'int-222', fault: 'read-mandatory-only', check: 'D' },
  { id: 'int-223', fault: 'read-mandatory-only', check: 'D' },
  { id: 'int-224', fault: 'read-without-content-format', check: 'B' },
  { id: 'int-225', fault: 'no-resource-instance-paths', check: 'A' },
  { id: 'int-226', fault: 'ignore-lifetime-write', check: 'B' },
  { id: 'int-227', fault: 'ignore-lifetime-write', check: 'B' },
  { id: 'int-228', fault: 'write-ignored', check: 'B' },
  { id: 'int-229', fault: 'read-mandatory-only', check: 'C' },
  { id: 'int-230', fault: 'write-ignored', check: 'C' },
  { id: 'int-230', fault: 'ignore-lifetime-write', check: 'B' },
  { id: 'int-231', fault: 'ignore-accept', check: 'B' },
  { id: 'int-232', fault: 'read-without-content-format', check: 'B' },
  { id: 'int-233', fault: 'write-ignored', check: 'C' },
  { id: 'int-233', fault: 'ignore-lifetime-write', check: 'B' },
  { id: 'int-234', fault: 'write-ignored', check: 'C' },
  { id: 'int-235', fault: 'composite-root-refused', check: 'A' },
  { id: 'int-236', fault: 'composite-all-or-nothing', check: 'A' },
  { id: 'int-237', fault: 'read-without-content-format', check: 'B' },
  { id: 'int-241', fault: 'reboot-without-register', check: 'B' },
  { id: 'int-256', fault: 'write-read-only', check: 'A' },
  { id: 'int-257', fault: 'write-ignored', check: 'D' },
  { id: 'int-260', fault: 'discover-without-dim', check: 'B' },
  { id: 'int-260', fault: 'discover-without-attributes', check: 'G' },
  { id: 'int-261', fault: 'discover-without-attributes', check: 'D' },
  { id: '1.2-int-264', fault: 'discover-ignores-depth', check: 'C' },
  { id: '1.2-int-266', fault: 'discover-ignores-depth', check: 'D' },
  { id: 'int-280', fault: 'composite-whole-objects', check: 'C' },
  { id: 'int-281', fault: 'composite-all-or-nothing', check: 'A' },
  { id: 'LWM2MC-DM-001', fault: 'ignore-accept', check: 'A' },
  { id: 'LWM2MC-DM-002', fault: 'write-any-content-format', check: 'A' },
  { id: 'LWM2MC-DM-003', fault: 'create-overwrites-instance', check: 'A' },
  { id: 'LWM2MC-DM-004', fault: 'write-unknown-resource', check: 'A' },
  { id: 'LWM2MC-DM-005', fault: 'execute-anything', check: 'A' },
  { id: 'LWM2MC-DM-006', fault: 'attributes-unchecked', check: 'A' },
  { id: 'LWM2MC-DM-007', fault: 'attributes-unchecked', check: 'A' },
  { id: 'LWM2MC-DM-008', fault: 'attributes-unchecked', check: 'A' },
  { id: 'LWM2MC-DM-009', fault: 'attributes-unchecked', check: 'A' },
  { id: 'LWM2MC-DM-010', fault: 'replace-merges', check: 'B' },
  { id: 'LWM2MC-DM-011', fault: 'partial-update-replaces', check: 'B' },
  { id: 'LWM2MC-DM-012', fault: 'execute-refuses-accept', check: 'A' },
  { id: 'int-301', fault: 'notify-ignores-pmax', check: 'F' },
  { id: 'int-302', fault: 'notify-after-cancel', check: 'E' },
  { id: 'int-303', fault: 'notify-after-cancel', check: 'F' },
  { id: 'int-304', fault: 'notify-ignores-pmax', check: 'D' },
  { id: 'int-305', fault: 'notify-after-cancel', check: 'E' },
  { id: 'int-306', fault: 'send-includes-security', check: 'D' },
  { id: 'int-307', fault: 'ignore-mute-send', check: 'C' },
  { id: 'int-308', fault: 'observe-composite-fixed-instances', check: 'E' },
  { id: 'int-309', fault: 'delete-ignored', check: 'F' },
  { id: 'int-310', fault: 'attributes-frozen-at-observe', check: 'D' },
  { id: 'int-311', fault: 'send-without-content-format', check: 'B' },
  { id: '1.2-int-312', fault: 'observe-ignores-query-attributes', check: 'C' },
  { id: '1.2-int-313', fault: 'observe-ignores-query-attributes', check: 'C' },
  { id: 'LWM2MC-IR-001', fault: 'notify-ignores-pmin', check: 'D' },
  { id: 'LWM2MC-IR-002', fault: 'notify-ignores-step', check: 'D' },
  { id: 'int-651', fault: 'write-ignored', check: 'B' },
  { id: 'int-652', fault: 'read-without-content-format', check: 'B' },
  { id: 'int-680', fault: 'create-on-single-instance', check: 'A' },
  { id: 'int-685', fault: 'delete-any-instance', check: 'A' },
  { id: 'int-1630', fault: 'create-ignored', check: 'D' },
  { id: 'int-1635', fault: 'delete-ignored', check: 'C' },
];

const byId = (id: string) => cases.find((c) => c.id === id || c.id.endsWith(`-${id}`))!;

describe('management, reporting and object cases against the faithful reference device', () => {
  it('every case passes', async () => {
    const results = await runCases(v11Cases, referenceDeviceProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
    expect(results.map((r) => r.id)).toEqual(v11Cases.map((c) => c.id));
  }, 240_000);

  it('every 1.2 case passes against the device started as a 1.2 client', async () => {
    const results = await runCases(v12Cases, asV12(referenceDeviceProfile()));
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
    expect(results.map((r) => r.id)).toEqual(v12Cases.map((c) => c.id));
  }, 120_000);

  it('the 1.2 cases are not-applicable to the bundled 1.1 device, and int-229 (voided in 1.2.1) to a 1.2 device', async () => {
    const v11 = await runCases(v12Cases, referenceDeviceProfile());
    for (const r of v11) expect(r.verdict, explain(r)).toBe('not-applicable');
    const voided = cases.filter((c) => c.until === '1.1');
    const v12 = await runCases(voided, asV12(referenceDeviceProfile()));
    for (const r of v12) expect(r.verdict, explain(r)).toBe('not-applicable');
  });
});

describe('management, reporting and object cases against faulty reference devices', () => {
  it('every case has at least one fault that catches it', () => {
    for (const c of cases) expect(faultTable.map((f) => byId(f.id).id)).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check }) => {
    const [result] = await runCases([byId(id)], profileFor(byId(id).id, [fault]));
    expect(result!.verdict, explain(result!)).toBe('fail');
    const failed = result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
    expect(failed, explain(result!)).toContain(check);
  }, 90_000);
});
