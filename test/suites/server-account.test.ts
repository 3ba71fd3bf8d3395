// A device whose server account is not the C.1 one (Server /1/1, SSID 123, Security /0/2):
// the session learns it, and the cases address it with the same verdicts as against the
// default device. The write of a lifetime is checked to reach /1/1/1. And a device whose
// bootstrap account holds Security instance 0: the bootstrap cases write beside it, never over it.
import { describe, expect, it } from 'vitest';
import { registrationCases } from '../../suites/client/registration/index.ts';
import { managementCases } from '../../suites/client/management/index.ts';
import { reportingCases } from '../../suites/client/reporting/index.ts';
import { bootstrapCases } from '../../suites/client/bootstrap/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { movedAccountProfile, referenceDeviceProfile } from '../support/reference-profile.ts';
import type { Profile } from '../../harness/targets/profile.ts';
import { explain } from '../support/explain.ts';

/** Cases that write /1/x/1 and other Server resources, read /1/x, observe and Send. */
const slice = [
  'LightweightM2M-1.1-int-205', 'LightweightM2M-1.1-int-211', 'LightweightM2M-1.1-int-223', 'LightweightM2M-1.1-int-224',
  'LightweightM2M-1.1-int-226', 'LightweightM2M-1.1-int-227', 'LightweightM2M-1.1-int-236', 'LightweightM2M-1.1-int-256',
  'LightweightM2M-1.1-int-260', 'LightweightM2M-1.1-int-281', 'LWM2MC-DM-011',
  'LightweightM2M-1.1-int-301', 'LightweightM2M-1.1-int-304', 'LightweightM2M-1.1-int-307', 'LightweightM2M-1.1-int-311', 'LWM2MC-IR-001',
];
const sliceCases = [...managementCases, ...reportingCases].filter((c) => slice.includes(c.id));

describe('a device whose server account is /1/1, SSID 123, Security /0/2', () => {
  it('the slice names cases that exist', () => {
    expect(sliceCases.map((c) => c.id).sort()).toEqual([...slice].sort());
  });

  it('the registration cases pass, as against the default device', async () => {
    const results = await runCases(registrationCases, movedAccountProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 120_000);

  it('management and reporting cases get the verdicts they get against the default device', async () => {
    const moved = await runCases(sliceCases, movedAccountProfile());
    const usual = await runCases(sliceCases, referenceDeviceProfile());
    expect(moved.map((r) => [r.id, r.verdict]), moved.map(explain).join('\n')).toEqual(usual.map((r) => [r.id, r.verdict]));
    for (const r of moved) expect(r.verdict, explain(r)).toBe('pass');
  }, 240_000);

  it('the lifetime write addresses /1/1/1, learned from the Register and a read of /1/1/0', async () => {
    const int227 = managementCases.find((c) => c.id === 'LightweightM2M-1.1-int-227')!;
    const [result] = await runCases([int227], movedAccountProfile({ server: { securityInstance: 2 } }));
    expect(result!.verdict, explain(result!)).toBe('pass');
    const writes = result!.trace.filter((t) => t.direction === 'out' && t.code === '0.03').map((t) => t.summary);
    expect(writes, JSON.stringify(writes)).toEqual([expect.stringMatching(/PUT \/1\/1\/1\b/)]);
    expect(result!.notes.join('\n')).toMatch(/server account \/1\/1 \(SSID 123, Security \/0\/2\).*Server instance \/1\/1 from the Register; SSID 123 read from \/1\/1\/0; Security instance \/0\/2 from the profile/);
  }, 60_000);
});

/** The bundled device with its factory bootstrap account at Security instance 0 (--security-instance 1 moves it there). */
function bootstrapAccountAtZero(): Profile {
  const profile = referenceDeviceProfile();
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  return { ...profile, launch: { ...profile.launch, args: [...profile.launch.args, '--security-instance', '1'] } };
}

describe('a device whose bootstrap account is Security instance 0', () => {
  const ids = ['LightweightM2M-1.1-int-0', 'LightweightM2M-1.1-int-4', 'LightweightM2M-1.1-int-5', 'LWM2MC-BS-002', 'LWM2MC-BS-003'];
  it('the bootstrap cases pass and keep the bootstrap account; the next case addresses the account the bootstrap wrote', async () => {
    const cases = [...bootstrapCases.filter((c) => ids.includes(c.id)), managementCases.find((c) => c.id === 'LightweightM2M-1.1-int-227')!];
    const results = await runCases(cases, bootstrapAccountAtZero());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
    // No Bootstrap-Delete of /0/0, and no Write that names /0/0, but BS-002's, which exists to see that delete refused.
    const touched = results.filter((r) => r.id !== 'LWM2MC-BS-002').flatMap((r) => r.trace).filter((t) => t.direction === 'out' && / (DELETE|PUT) \/0\/0\b/.test(t.summary));
    expect(touched.map((t) => t.summary)).toEqual([]);
    expect(results.at(-1)!.notes.join('\n')).toMatch(/Security instance \/0\/1 as the harness's bootstrap wrote it/);
  }, 240_000);
});
