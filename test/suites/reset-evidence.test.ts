// Resets of real devices as they are: a reset driver the device shows no sign of makes a case
// inconclusive, naming the driver, rather than failing the device; a driver may instead restart
// the launched process (restart: true), launch.startDelay apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registrationCases } from '../../suites/client/registration/index.ts';
import { bootstrapCases } from '../../suites/client/bootstrap/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { parseProfile, type Profile } from '../../harness/targets/profile.ts';
import { referenceDeviceProfile, referenceProfileFile } from '../support/reference-profile.ts';
import { explain } from '../support/explain.ts';

const caseNamed = (id: string) => [...registrationCases, ...bootstrapCases].find((c) => c.id === id)!;

/** The shipped profile of the bundled device with its drivers' lines replaced, as a user would write them. */
function withDrivers(drivers: string, launchExtra = ''): Profile {
  const text = readFileSync(referenceProfileFile, 'utf8');
  const replaced = text.replace(/^drivers:\n(?:  .*\n?)*/m, `drivers:\n${drivers}\n`).replace(/^launch:\n/m, `launch:\n${launchExtra}`);
  return parseProfile(replaced, referenceProfileFile);
}

describe('a reset driver the device shows no sign of', () => {
  it('makes a case inconclusive naming the reboot driver, not a fail', async () => {
    // "nap" is a line the bundled device answers with "unknown command" and otherwise ignores.
    const profile = withDrivers('  reboot: { stdin: nap }\n  factory-reset: { stdin: factory-reset }');
    const [result] = await runCases([caseNamed('LightweightM2M-1.1-int-101')], profile);
    expect(result!.verdict, explain(result!)).toBe('inconclusive');
    expect(result!.reason).toMatch(/the reboot driver ran but the device sent no Register within 5 s/);
    expect(result!.checks.filter((c) => c.verdict === 'fail'), explain(result!)).toEqual([]);
  }, 60_000);

  it('makes a case inconclusive when the device keeps its server account through the factory-reset driver and nothing can make it bootstrap', async () => {
    // A reboot in place of a factory reset: the device registers with the account bootstrap gave it.
    // Without server-initiated bootstrap claimed or a trigger-bootstrap driver, the harness has no way round it.
    const withReboot = withDrivers('  reboot: { stdin: reboot }\n  factory-reset: { stdin: reboot }');
    const profile = { ...withReboot, features: { ...withReboot.features, bootstrap: ['client-initiated' as const] } };
    const [result] = await runCases([caseNamed('LightweightM2M-1.1-int-0')], profile);
    expect(result!.verdict, explain(result!)).toBe('inconclusive');
    expect(result!.reason).toMatch(/the factory-reset driver ran but the device registered without bootstrapping.*trigger-bootstrap driver/);
  }, 60_000);
});

describe('a factory reset as a restart of the launched process', () => {
  it('restart: true with launch.startDelay brings the bundled device back to its factory state', async () => {
    const profile = withDrivers('  reboot: { stdin: reboot }\n  factory-reset: { restart: true }', '  startDelay: 0.2\n');
    expect(profile.drivers['factory-reset']).toEqual({ kind: 'restart' });
    expect(profile.launch.kind === 'process' && profile.launch.startDelayS).toBe(0.2);
    const results = await runCases([caseNamed('LightweightM2M-1.1-int-0'), caseNamed('LightweightM2M-1.1-int-101')], profile);
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 90_000);
});

describe('the bundled device without its faults', () => {
  it('passes int-101 after its reboot driver, so the findings above are the drivers\' doing', async () => {
    const [result] = await runCases([caseNamed('LightweightM2M-1.1-int-101')], referenceDeviceProfile());
    expect(result!.verdict, explain(result!)).toBe('pass');
  }, 60_000);
});
