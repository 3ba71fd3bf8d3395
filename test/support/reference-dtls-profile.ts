// Profiles of the bundled reference device over DTLS (PSK or certificates), optionally with
// faults: the shipped fixtures/profiles/reference-device-dtls-*.yaml, as users run them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile, type Profile } from '../../harness/targets/profile.ts';
import { projectRoot } from './shared.ts';

export const dtlsProfileFile = (mode: 'psk' | 'x509') => join(projectRoot, 'fixtures', 'profiles', `reference-device-dtls-${mode}.yaml`);

export function referenceDtlsProfile(mode: 'psk' | 'x509', faults: readonly string[] = []): Profile {
  const file = dtlsProfileFile(mode);
  const profile = parseProfile(readFileSync(file, 'utf8'), file);
  if (profile.launch.kind !== 'process') throw new Error('the DTLS reference profiles launch a process');
  return { ...profile, launch: { ...profile.launch, args: [...profile.launch.args, ...faults.flatMap((f) => ['--fault', f])] } };
}
