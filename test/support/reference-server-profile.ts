// Profiles for the server suite's own tests: the bundled reference server, optionally with faults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile, type Profile } from '../../harness/targets/profile.ts';
import { projectRoot } from './shared.ts';

export const referenceServerProfileFile = join(projectRoot, 'fixtures', 'profiles', 'reference-server.yaml');
/** The same server on coaps:// with the test PSK. */
export const referenceServerDtlsProfileFile = join(projectRoot, 'fixtures', 'profiles', 'reference-server-dtls-psk.yaml');

export function referenceServerProfile(faults: readonly string[] = [], file = referenceServerProfileFile): Profile {
  const profile = parseProfile(readFileSync(file, 'utf8'), file);
  if (profile.launch.kind !== 'process') throw new Error('the reference server profile launches a process');
  return {
    ...profile,
    // Generous deadlines: these tests share two cores with the rest of the suite.
    timing: { ...profile.timing, startWithin: 60, responseWithin: 5 },
    launch: { ...profile.launch, args: [...profile.launch.args, ...faults.flatMap((f) => ['--fault', f])] },
  };
}
