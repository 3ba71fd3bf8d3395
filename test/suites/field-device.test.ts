// The bundled device as real devices behave, all at once (fixtures/profiles/field-device.yaml):
// its own server account (/1/1, SSID 123, /0/2) kept through a factory reset, 1.2 offered first
// with a fallback on 4.12, Supported Binding "UQ" where C.1 has "U", Send only when told,
// notifications only of its own changes, factory reset as a restart. A named slice of its full
// run, one case or more for each behaviour, gives the verdicts the default device gets: pass,
// with no inconclusive, and the differing value once, as a configuration note.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCases } from '../../harness/run/run-cases.ts';
import { parseProfile } from '../../harness/targets/profile.ts';
import { allCases } from '../../suites/index.ts';
import { projectRoot } from '../support/shared.ts';
import { explain } from '../support/explain.ts';

const file = join(projectRoot, 'fixtures', 'profiles', 'field-device.yaml');

const slice = [
  'LightweightM2M-1.1-int-101', // registers after its 1.2 Register was refused
  'LWM2MC-REG-002', // the fallback itself
  'LightweightM2M-1.1-int-102', // writes the lifetime of the account it learned
  'LightweightM2M-1.1-int-224', // reads /3/0/16, judged as the device holds it
  'LightweightM2M-1.1-int-237',
  'LightweightM2M-1.1-int-306', // Send through the trigger-send driver
  'LightweightM2M-1.1-int-311',
  'LWM2MC-IR-001', // a change the device makes itself, through change-value
  'LightweightM2M-1.1-int-0', // bootstrap after a factory reset that restarts the process and keeps the server account
  'LWM2MC-BS-005', // registers with what the bootstrap gave, after the trigger removed its own account
];

describe('a device as real devices behave (field-device.yaml)', () => {
  it('passes the named slice with no inconclusive, and notes /3/0/16 as configuration', async () => {
    const profile = parseProfile(readFileSync(file, 'utf8'), file);
    const cases = slice.map((id) => {
      const found = allCases.find((c) => c.id === id && c.tests === 'client');
      if (!found) throw new Error(`no client case ${id}`);
      return found;
    });
    const results = await runCases(cases, profile);
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
    const notes = results.flatMap((r) => r.configurationNotes ?? []);
    expect(JSON.stringify(notes)).toContain('/3/0/16');
    // Cases address the account the device keeps, learned from it.
    const lifetime = results.find((r) => r.id === 'LightweightM2M-1.1-int-102')!;
    expect(JSON.stringify(lifetime.trace)).toContain('/1/1/1');
    expect(lifetime.notes.join('\n')).toMatch(/\/1\/1.*SSID 123|SSID 123.*\/1\/1/);
    // Its factory reset keeps that account: the bootstrap began with the Bootstrap-Request Trigger.
    const bootstrap = results.find((r) => r.id === 'LightweightM2M-1.1-int-0')!;
    expect(bootstrap.notes.join('\n')).toContain('Execute /1/1/9 (Bootstrap-Request Trigger)');
  }, 240_000);
});
