// Devices told through their own commands rather than through LwM2M: one without Disable that
// de-registers on a command (int-103 through the disable driver), one whose Update is asked for
// on its console (int-105 through trigger-update), and one that keeps its server account through
// a factory reset and bootstraps on a command (the bootstrap cases through trigger-bootstrap).
// Each driver is used by the case that needs it, and the faults of the device still show.
import { describe, expect, it } from 'vitest';
import { allCases } from '../../suites/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { Profile } from '../../harness/targets/profile.ts';
import { referenceDeviceProfile, withDeviceArgs } from '../support/reference-profile.ts';
import { explain } from '../support/explain.ts';

const clientCase = (id: string) => allCases.filter((c) => c.id === id && c.tests === 'client');

/** The bundled device with a console driver of its own in place of an LwM2M feature the profile no longer claims. */
function withDriver(profile: Profile, name: 'disable' | 'trigger-update' | 'trigger-bootstrap', line: string): Profile {
  return { ...profile, drivers: { ...profile.drivers, [name]: { kind: 'stdin', line } } };
}
const withoutDisable = (profile: Profile): Profile => ({ ...profile, features: { ...profile.features, resources: profile.features.resources.filter((r) => r !== '/1/0/4') } });

describe('int-103 on a device without Disable', () => {
  it('de-registers through its disable driver: B and C judge the De-register, A is not run', async () => {
    const [r] = await runCases(clientCase('LightweightM2M-1.1-int-103'), withDriver(withoutDisable(referenceDeviceProfile()), 'disable', 'disable'));
    expect(r!.verdict, explain(r!)).toBe('pass');
    expect(r!.checks.map((c) => c.id)).toEqual(['B', 'C']);
    expect(r!.notes.join('\n')).toMatch(/disable driver/);
  }, 60_000);

  it('a device that does not de-register when told fails on B', async () => {
    const [r] = await runCases(clientCase('LightweightM2M-1.1-int-103'), withDriver(withoutDisable(referenceDeviceProfile(['disable-without-deregister'])), 'disable', 'disable'));
    expect(r!.verdict, explain(r!)).toBe('fail');
    expect(r!.checks.find((c) => c.verdict === 'fail')?.id).toBe('B');
  }, 60_000);

  it('without Disable and without the driver it is not applicable, naming both', async () => {
    const [r] = await runCases(clientCase('LightweightM2M-1.1-int-103'), withoutDisable(referenceDeviceProfile()));
    expect(r!.verdict).toBe('not-applicable');
    expect(r!.reason).toMatch(/\/1\/0\/4.*'disable' driver/);
  }, 30_000);
});

describe('int-105 with a trigger-update driver', () => {
  it('asks for the Update at once instead of waiting out a lifetime', async () => {
    const [r] = await runCases(clientCase('LightweightM2M-1.1-int-105'), withDriver(referenceDeviceProfile(), 'trigger-update', 'update'));
    expect(r!.verdict, explain(r!)).toBe('pass');
    expect(r!.notes.join('\n')).toMatch(/trigger-update driver/);
    expect(r!.notes.join('\n')).not.toMatch(/lifetime set/);
  }, 60_000);

  it('a device that ignores the request fails on A', async () => {
    const [r] = await runCases(clientCase('LightweightM2M-1.1-int-105'), withDriver(referenceDeviceProfile(['update-trigger-ignored']), 'trigger-update', 'update'));
    expect(r!.verdict, explain(r!)).toBe('fail');
    expect(r!.checks.find((c) => c.verdict === 'fail')?.id).toBe('A');
  }, 60_000);
});

describe('a device that keeps its server account through a factory reset', () => {
  // A factory server account at /1/1 beside the bootstrap account; no server-initiated bootstrap claimed.
  const keeping = (faults: readonly string[] = []): Profile => {
    const base = withDeviceArgs(referenceDeviceProfile(faults), ['--server', '{server.uri}', '--server-instance', '1', '--ssid', '123', '--security-instance', '2']);
    return withDriver({ ...base, features: { ...base.features, bootstrap: ['client-initiated'] } }, 'trigger-bootstrap', 'bootstrap');
  };

  it('bootstraps through its trigger-bootstrap driver, with its own account deleted first', async () => {
    const results = await runCases([...clientCase('LightweightM2M-1.1-int-0'), ...clientCase('LWM2MC-BS-005')], keeping());
    for (const r of results) {
      expect(r.verdict, explain(r)).toBe('pass');
      expect(r.notes.join('\n')).toMatch(/began with the trigger-bootstrap driver, and the bootstrap server deleted \/0\/2 and \/1/);
    }
  }, 90_000);

  it('a device that ignores the driver leaves the case inconclusive, saying why, not failed', async () => {
    const [r] = await runCases(clientCase('LightweightM2M-1.1-int-0'), keeping(['bootstrap-trigger-ignored']));
    expect(r!.verdict, explain(r!)).toBe('inconclusive');
    expect(r!.reason).toMatch(/kept a server account.*no Bootstrap-Request within .* of the trigger-bootstrap driver/);
  }, 90_000);
});
