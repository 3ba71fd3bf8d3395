// Every Firmware Update case passes against the faithful reference device and fails, on the
// named check, against the device with the fault the case exists to catch. The cases that need
// a condition driver are not-applicable, naming it, to a profile without it; a push update
// passes over DTLS-PSK too.
import { describe, expect, it } from 'vitest';
import { firmwareCases } from '../../suites/client/objects/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';
import { referenceDtlsProfile } from '../support/reference-dtls-profile.ts';
import { faultTableSuites, type FaultRow } from '../support/fault-table.ts';
import { explain } from '../support/explain.ts';

/** case id (without the ETS prefix) → the fault that breaks it → the check that must fail. */
const faultTable: FaultRow[] = [
  { id: 'int-751', fault: 'fw-delivery-method-wrong', check: 'C' },
  { id: 'int-755', fault: 'fw-skips-downloaded', check: 'E' },
  { id: 'int-755', fault: 'fw-reset-ignored', check: 'G' },
  { id: 'int-756', fault: 'fw-skips-downloaded', check: 'E' },
  { id: 'int-760', fault: 'fw-skips-downloaded', check: 'E' },
  { id: 'int-770', fault: 'fw-skips-downloaded', check: 'D' },
  { id: 'int-770', fault: 'fw-update-result-unset', check: 'H' },
  { id: 'int-771', fault: 'fw-update-result-unset', check: 'H' },
  { id: 'int-772', fault: 'fw-update-without-package', check: 'A' },
  { id: 'int-773', fault: 'fw-storage-unchecked', check: 'B' },
  { id: 'int-774', fault: 'fw-out-of-ram-as-storage', check: 'B' },
  { id: 'int-775', fault: 'fw-connection-loss-as-integrity', check: 'B' },
  { id: 'int-776', fault: 'fw-accepts-corrupted', check: 'B' },
  { id: 'int-777', fault: 'fw-accepts-any-type', check: 'B' },
  { id: 'int-778', fault: 'fw-invalid-uri-as-connection-loss', check: 'B' },
  { id: 'int-779', fault: 'fw-install-failure-reported-success', check: 'D' },
];

faultTableSuites('firmware update cases', firmwareCases, faultTable);

const byId = (id: string) => firmwareCases.find((c) => c.id.endsWith(`-${id}`))!;

describe('firmware update cases on other profiles', () => {
  it('a push update (int-770) passes over DTLS-PSK, with the package transfer time in its notes', async () => {
    const base = referenceDtlsProfile('psk');
    const profile = { ...base, features: { ...base.features, firmwareDelivery: ['push'] }, timing: { ...base.timing, firmwareWithin: 5 } };
    const [result] = await runCases([byId('int-770')], profile);
    expect(result!.verdict, explain(result!)).toBe('pass');
    expect(result!.notes.join('\n')).toMatch(/package transfer: \d+ blocks in [\d.]+ s/);
  }, 90_000);

  it('without their drivers, int-774 and int-779 are not-applicable naming the driver; int-773 too without a stated storage', async () => {
    const base = referenceDeviceProfile();
    const { 'fw-low-storage': _s, 'fw-low-ram': _r, 'fw-fail-install': _f, ...drivers } = base.drivers;
    const { firmwareMaxBytes: _m, ...features } = base.features;
    const results = await runCases([byId('int-773'), byId('int-774'), byId('int-779')], { ...base, features, drivers });
    expect(results.map((r) => r.verdict)).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
    expect(results[0]!.reason).toMatch(/firmwareMaxBytes.*'fw-low-storage' driver/);
    expect(results[1]!.reason).toBe("the profile has no 'fw-low-ram' driver");
    expect(results[2]!.reason).toBe("the profile has no 'fw-fail-install' driver");
  });

  it('int-773 drives fw-low-storage when the profile does not state the storage', async () => {
    const base = referenceDeviceProfile();
    const { firmwareMaxBytes: _m, ...features } = base.features;
    const [result] = await runCases([byId('int-773')], { ...base, features });
    expect(result!.verdict, explain(result!)).toBe('pass');
    expect(result!.notes.join('\n')).toMatch(/driver fw-low-storage on/);
  }, 60_000);
});
