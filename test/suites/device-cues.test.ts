// Devices that act only on cue: one that Sends only when told (no periodic Send), and one that
// notifies only changes it makes itself. With the profile saying so and naming the driver, the
// Send and reporting cases pass (and still catch their faults); without the driver they are not
// applicable, naming it, rather than waiting for something the device was never told to do.
import { describe, expect, it } from 'vitest';
import { reportingCases } from '../../suites/client/reporting/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { Profile } from '../../harness/targets/profile.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';
import { explain } from '../support/explain.ts';

const sendIds = ['LightweightM2M-1.1-int-306', 'LightweightM2M-1.1-int-307', 'LightweightM2M-1.1-int-311'];
const changeIds = ['LWM2MC-IR-001', 'LWM2MC-IR-002'];
const casesOf = (ids: readonly string[]) => reportingCases.filter((c) => ids.includes(c.id));

/** The bundled device without its periodic Send (it Sends on the `send` stdin command), plus device flags; `edit` shapes the profile. */
function cuedDevice(flags: readonly string[], edit: (profile: Profile) => Profile, faults: readonly string[] = []): Profile {
  const profile = referenceDeviceProfile(faults);
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  const args = profile.launch.args.filter((a, i, all) => a !== '--send-every' && all[i - 1] !== '--send-every');
  const { send: _, ...features } = profile.features;
  return edit({ ...profile, features, launch: { ...profile.launch, args: [...args, ...flags] } });
}

const onTrigger = (profile: Profile): Profile => ({ ...profile, features: { ...profile.features, send: 'on-trigger' }, drivers: { ...profile.drivers, 'trigger-send': { kind: 'stdin', line: 'send {paths}' } } });
const ownChanges = (withDriver: boolean) => (profile: Profile): Profile => ({
  ...profile,
  features: { ...profile.features, notifyOn: 'own-change' },
  drivers: { ...profile.drivers, ...(withDriver ? { 'change-value': { kind: 'stdin' as const, line: 'set {path} {value}' } } : {}) },
});

describe('a device that Sends only when told', () => {
  it('with features.send: on-trigger and a trigger-send driver, the Send cases pass', async () => {
    const results = await runCases(casesOf(sendIds), cuedDevice([], onTrigger));
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 120_000);

  it('told to Send while muted, a device that ignores Mute Send fails int-307 on C', async () => {
    const [result] = await runCases(casesOf(['LightweightM2M-1.1-int-307']), cuedDevice([], onTrigger, ['ignore-mute-send']));
    expect(result!.verdict, explain(result!)).toBe('fail');
    expect(result!.checks.find((c) => c.verdict === 'fail')?.id, explain(result!)).toBe('C');
  }, 60_000);

  it('when the profile says neither periodic Send nor a trigger-send driver, the Send cases are not applicable, naming the driver', async () => {
    const results = await runCases(casesOf(sendIds), cuedDevice([], (p) => p));
    for (const r of results) {
      expect(r.verdict, explain(r)).toBe('not-applicable');
      expect(r.reason).toMatch(/trigger-send/);
    }
  }, 60_000);
});

describe('a device that notifies only its own changes', () => {
  it('with features.notifyOn: own-change and a change-value driver, the change cases pass', async () => {
    const results = await runCases(casesOf(changeIds), cuedDevice(['--notify-own-changes-only'], ownChanges(true)));
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 120_000);

  it('changed through its driver, a device that notifies before pmin fails LWM2MC-IR-001 on D', async () => {
    const [result] = await runCases(casesOf(['LWM2MC-IR-001']), cuedDevice(['--notify-own-changes-only'], ownChanges(true), ['notify-ignores-pmin']));
    expect(result!.verdict, explain(result!)).toBe('fail');
    expect(result!.checks.find((c) => c.verdict === 'fail')?.id, explain(result!)).toBe('D');
  }, 60_000);

  it('without a change-value driver, the change cases are not applicable, naming the driver', async () => {
    const results = await runCases(casesOf(changeIds), cuedDevice(['--notify-own-changes-only'], ownChanges(false)));
    for (const r of results) {
      expect(r.verdict, explain(r)).toBe('not-applicable');
      expect(r.reason).toMatch(/change-value/);
    }
  }, 60_000);
});
