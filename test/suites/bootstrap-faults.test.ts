// Every bootstrap case that applies to the bundled reference device passes against it and
// fails, on the named check, against the device with the fault the case exists to catch.
import { describe, expect, it } from 'vitest';
import { bootstrapCases } from '../../suites/client/bootstrap/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { Profile } from '../../harness/targets/profile.ts';
import { pskBootstrapProfile, referenceDeviceProfile, secureBootstrapProfile } from '../support/reference-profile.ts';
import { dtlsUnavailableReason } from '../../harness/dtls/index.ts';
import { explain } from '../support/explain.ts';

// The bundled device claims LwM2M 1.1; 1.2-int-12 is proven against the same device started as a
// 1.2 client that bootstraps with a Bootstrap-Pack-Request (--lwm2m 1.2 --bootstrap-pack).
const isV12 = (id: string) => id.startsWith('LightweightM2M-1.2-');

function asPackDevice(profile: Profile): Profile {
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  return {
    ...profile,
    target: { ...profile.target, lwm2mVersion: '1.2' },
    features: { ...profile.features, bootstrap: [...profile.features.bootstrap, 'bootstrap-pack'] },
    launch: { ...profile.launch, args: [...profile.launch.args, '--lwm2m', '1.2', '--bootstrap-pack'] },
  };
}

const profileFor = (id: string, faults: readonly string[] = []) => (isV12(id) ? asPackDevice(referenceDeviceProfile(faults)) : referenceDeviceProfile(faults));

/**
 * case id → the fault that breaks it → the check that must fail. `startWithin`: a device that
 * sends nothing at power-on keeps the session waiting that long before its first case.
 */
const faultTable: { id: string; fault: string; check: string; startWithin?: number }[] = [
  { id: 'LightweightM2M-1.1-int-0', fault: 'no-client-initiated-bootstrap', check: 'A', startWithin: 5 },
  { id: 'LightweightM2M-1.1-int-0', fault: 'bootstrap-write-created', check: 'C' },
  { id: 'LightweightM2M-1.1-int-0', fault: 'bootstrap-discover-without-version', check: 'F' },
  { id: 'LightweightM2M-1.1-int-0', fault: 'bootstrap-discover-without-ssid', check: 'G' },
  { id: 'LightweightM2M-1.1-int-4', fault: 'bootstrap-delete-everything', check: 'E' },
  { id: 'LightweightM2M-1.1-int-5', fault: 'bootstrap-trigger-ignored', check: 'C' },
  { id: 'LightweightM2M-1.1-int-6', fault: 'bootstrap-at-every-boot', check: 'D' },
  { id: 'LightweightM2M-1.1-int-7', fault: 'no-bootstrap-fallback', check: 'C' },
  { id: 'LightweightM2M-1.1-int-8', fault: 'bootstrap-read-refused', check: 'B' },
  { id: 'LightweightM2M-1.1-int-9', fault: 'bootstrap-finish-unchecked', check: 'C' },
  { id: 'LightweightM2M-1.2-int-12', fault: 'bootstrap-pack-without-endpoint', check: 'B' },
  { id: 'LightweightM2M-1.2-int-12', fault: 'bootstrap-pack-not-applied', check: 'C' },
  { id: 'LWM2MC-BS-001', fault: 'bootstrap-delete-everything', check: 'C' },
  { id: 'LWM2MC-BS-002', fault: 'bootstrap-account-deletable', check: 'B' },
  { id: 'LWM2MC-BS-003', fault: 'bootstrap-write-created', check: 'B' },
  { id: 'LWM2MC-BS-004', fault: 'bootstrap-finish-unchecked', check: 'B' },
  { id: 'LWM2MC-BS-005', fault: 'bootstrap-lifetime-ignored', check: 'C' },
];

/** Cases the bundled device can take part in (the others are not-applicable, saying why). */
const applicable = bootstrapCases.filter((c) => faultTable.some((f) => f.id === c.id));

describe('bootstrap cases against the faithful reference device', () => {
  it('every applicable case passes; the others are not-applicable', async () => {
    const results = await runCases(bootstrapCases, referenceDeviceProfile());
    for (const r of results) {
      if (applicable.some((c) => c.id === r.id && !isV12(c.id))) expect(r.verdict, explain(r)).toBe('pass');
      else expect(r.verdict, explain(r)).toBe('not-applicable');
    }
  }, 120_000);

  it('the 1.2 cases pass against the device started as a 1.2 client with --bootstrap-pack', async () => {
    const v12 = applicable.filter((c) => isV12(c.id));
    const results = await runCases(v12, asPackDevice(referenceDeviceProfile()));
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 60_000);
});

describe('bootstrap cases against faulty reference devices', () => {
  it('every applicable bootstrap case has a fault that catches it', () => {
    for (const c of applicable) expect(faultTable.map((f) => f.id)).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check, startWithin }) => {
    const def = bootstrapCases.find((c) => c.id === id)!;
    const profile = profileFor(id, [fault]);
    const [result] = await runCases([def], startWithin ? { ...profile, timing: { ...profile.timing, startWithin } } : profile);
    expect(result!.verdict, explain(result!)).toBe('fail');
    expect(result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id), explain(result!)).toContain(check);
  }, 60_000);
});

// int-1 and int-2 provision a DTLS account (PSK, certificates): they run against the device
// claiming those security modes (secureBootstrapProfile), and need the DTLS addon.
const dtlsMissing = dtlsUnavailableReason();
const secureTable: { id: string; fault: string; check: string }[] = [
  { id: 'LightweightM2M-1.1-int-1', fault: 'bootstrap-security-ignored', check: 'N' },
  { id: 'LightweightM2M-1.1-int-1', fault: 'bootstrap-psk-identity-hex', check: 'M' },
  { id: 'LightweightM2M-1.1-int-2', fault: 'bootstrap-security-ignored', check: 'N' },
  { id: 'LightweightM2M-1.1-int-2', fault: 'bootstrap-der-unsupported', check: 'M' },
];
const secureCases = bootstrapCases.filter((c) => secureTable.some((f) => f.id === c.id));

describe.skipIf(dtlsMissing)(`bootstrap cases with a secured server account${dtlsMissing ? ` (skipped: ${dtlsMissing})` : ''}`, () => {
  it('int-1 and int-2 pass against the faithful device', async () => {
    const results = await runCases(secureCases, secureBootstrapProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 60_000);

  it('in a DTLS-PSK session, the bootstrap cases write the PSK account the session\'s server accepts', async () => {
    const ids = ['LightweightM2M-1.1-int-0', 'LWM2MC-BS-005'];
    const results = await runCases(bootstrapCases.filter((c) => ids.includes(c.id)), pskBootstrapProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 60_000);

  it.concurrent.each(secureTable)('$id fails on check $check with fault $fault', async ({ id, fault, check }) => {
    const def = bootstrapCases.find((c) => c.id === id)!;
    const [result] = await runCases([def], secureBootstrapProfile([fault]));
    expect(result!.verdict, explain(result!)).toBe('fail');
    expect(result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id), explain(result!)).toContain(check);
  }, 60_000);
});
