// Every security case passes against the faithful reference device over DTLS (PSK or
// certificates, as the case needs) and fails, on the named check, against the device with the
// fault the case exists to catch. The Registration cases run unchanged over DTLS-PSK.
import { describe, expect, it } from 'vitest';
import { securityCases } from '../../suites/client/security/index.ts';
import { registrationCases } from '../../suites/client/registration/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { dtlsUnavailableReason } from '../../harness/dtls/index.ts';
import { referenceDtlsProfile } from '../support/reference-dtls-profile.ts';
import { explain } from '../support/explain.ts';

const dtlsMissing = dtlsUnavailableReason();
const skipped = dtlsMissing ? ` (skipped: ${dtlsMissing})` : '';

/** case id → the security mode it runs in → the fault that breaks it → the check that must fail. */
const faultTable: { id: string; mode: 'psk' | 'x509'; fault: string; check: string }[] = [
  { id: 'LightweightM2M-1.1-int-401', mode: 'psk', fault: 'register-wrong-endpoint', check: 'E' },
  { id: 'LightweightM2M-1.1-int-402', mode: 'x509', fault: 'register-wrong-endpoint', check: 'E' },
  { id: 'LightweightM2M-1.1-int-403', mode: 'x509', fault: 'ignore-server-name', check: 'B' },
  { id: 'LightweightM2M-1.1-int-403', mode: 'x509', fault: 'accept-any-server-certificate', check: 'B' },
  { id: 'LWM2MC-SEC-001', mode: 'psk', fault: 'nosec-fallback', check: 'D' },
  { id: 'LWM2MC-SEC-002', mode: 'x509', fault: 'accept-any-server-certificate', check: 'B' },
  { id: 'LWM2MC-SEC-002', mode: 'x509', fault: 'nosec-fallback', check: 'D' },
  { id: 'LWM2MC-SEC-003', mode: 'psk', fault: 'register-wrong-endpoint', check: 'C' },
];

const modeOf = (id: string) => faultTable.find((f) => f.id === id)!.mode;

describe.skipIf(dtlsMissing)(`security cases against the faithful reference device${skipped}`, () => {
  it.concurrent.each(['psk', 'x509'] as const)('every %s case passes', async (mode) => {
    const cases = securityCases.filter((c) => modeOf(c.id) === mode);
    const results = await runCases(cases, referenceDtlsProfile(mode));
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 90_000);

  it('registration cases pass unchanged over DTLS-PSK', async () => {
    const results = await runCases(registrationCases, referenceDtlsProfile('psk'));
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 90_000);
});

describe.skipIf(dtlsMissing)(`security cases against faulty reference devices${skipped}`, () => {
  it('every security case has at least one fault that catches it', () => {
    for (const c of securityCases) expect(faultTable.map((f) => f.id)).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, mode, fault, check }) => {
    const def = securityCases.find((c) => c.id === id)!;
    const [result] = await runCases([def], referenceDtlsProfile(mode, [fault]));
    expect(result!.verdict, explain(result!)).toBe('fail');
    const failed = result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
    expect(failed, explain(result!)).toContain(check);
  }, 90_000);
});
