// Every registration case passes against the faithful reference device and fails, on the
// named check, against the device with the fault the case exists to catch.
import { describe, expect, it } from 'vitest';
import { registrationCases } from '../../suites/client/registration/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { referenceDeviceProfile, withDeviceArgs } from '../support/reference-profile.ts';
import { explain } from '../support/explain.ts';

/** The bundled device offering LwM2M 1.2 first to the harness's 1.1 server, which answers 4.12. */
const offersLaterVersion = ['--lwm2m-first', '1.2'];

/** case id → the fault that breaks it (with the device flags it needs) → the check that must fail. */
const faultTable: { id: string; fault: string; check: string; args?: string[] }[] = [
  { id: 'LightweightM2M-1.1-int-101', fault: 'register-lists-security-object', check: 'G' },
  { id: 'LightweightM2M-1.1-int-101', fault: 'register-without-version', check: 'D' },
  { id: 'LightweightM2M-1.1-int-101', fault: 'register-wrong-endpoint', check: 'B' },
  { id: 'LightweightM2M-1.1-int-102', fault: 'ignore-lifetime-write', check: 'B' },
  { id: 'LightweightM2M-1.1-int-102', fault: 'no-periodic-update', check: 'E' },
  { id: 'LightweightM2M-1.1-int-103', fault: 'disable-without-deregister', check: 'B' },
  { id: 'LightweightM2M-1.1-int-104', fault: 'update-trigger-with-params', check: 'C' },
  { id: 'LightweightM2M-1.1-int-104', fault: 'update-trigger-ignored', check: 'B' },
  { id: 'LightweightM2M-1.1-int-105', fault: 'no-reregister-after-not-found', check: 'B' },
  { id: 'LightweightM2M-1.1-int-107', fault: 'no-periodic-update', check: 'D' },
  { id: 'LWM2MC-REG-001', fault: 'register-text-content-format', check: 'C' },
  { id: 'LWM2MC-REG-001', fault: 'register-invalid-binding', check: 'G' },
  { id: 'LWM2MC-REG-001', fault: 'register-without-version', check: 'F' },
  { id: 'LWM2MC-REG-001', fault: 'register-lists-security-object', check: 'K' },
  { id: 'LWM2MC-REG-001', fault: 'register-unquoted-ct', check: 'L' },
  { id: 'LWM2MC-REG-002', fault: 'version-fallback-repeats-version', check: 'B', args: offersLaterVersion },
  // A rebooted device reusing a Message ID the server still remembers: its Register is dropped as a duplicate.
  { id: 'LightweightM2M-1.1-int-101', fault: 'message-ids-restart-on-reboot', check: 'MID' },
];

describe('registration cases against the faithful reference device', () => {
  it('every case passes', async () => {
    const results = await runCases(registrationCases, referenceDeviceProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
    expect(results.map((r) => r.id)).toEqual(registrationCases.map((c) => c.id));
  }, 60_000);
});

describe('a device that offers a later LwM2M version first', () => {
  it('falls back on 4.12: a normal start for the registration cases, and LWM2MC-REG-002 judges the fallback', async () => {
    const results = await runCases(registrationCases.filter((c) => ['LightweightM2M-1.1-int-101', 'LWM2MC-REG-001', 'LWM2MC-REG-002'].includes(c.id)), withDeviceArgs(referenceDeviceProfile(), offersLaterVersion));
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
    const fallback = results.find((r) => r.id === 'LWM2MC-REG-002')!;
    expect(fallback.checks.map((c) => c.id), explain(fallback)).toEqual(['A', 'B', 'C']);
  }, 60_000);
});

describe('registration cases against faulty reference devices', () => {
  it('every registration case has at least one fault that catches it', () => {
    for (const c of registrationCases) expect(faultTable.map((f) => f.id)).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check, args = [] }) => {
    const def = registrationCases.find((c) => c.id === id)!;
    const [result] = await runCases([def], withDeviceArgs(referenceDeviceProfile([fault]), args));
    expect(result!.verdict, explain(result!)).toBe('fail');
    const failed = result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
    expect(failed, explain(result!)).toContain(check);
  }, 60_000);
});
