// Profiles for the project's own tests: the bundled reference device, optionally with faults,
// or a silent external target. Built from the shipped profile so tests exercise what users run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile, type Profile } from '../../harness/targets/profile.ts';
import { projectRoot } from './shared.ts';

export const referenceProfileFile = join(projectRoot, 'fixtures', 'profiles', 'reference-device.yaml');

export function referenceDeviceProfile(faults: readonly string[] = []): Profile {
  const profile = parseProfile(readFileSync(referenceProfileFile, 'utf8'), referenceProfileFile);
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  return {
    ...profile,
    launch: { ...profile.launch, args: [...profile.launch.args, ...faults.flatMap((f) => ['--fault', f])] },
  };
}

/** The profile with more arguments for the bundled device (e.g. --lwm2m-first 1.2). */
export function withDeviceArgs(profile: Profile, args: readonly string[]): Profile {
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  return args.length === 0 ? profile : { ...profile, launch: { ...profile.launch, args: [...profile.launch.args, ...args] } };
}

/** A client target that is "already running" but never sends anything. */
export function silentTargetProfile(): Profile {
  const profile = referenceDeviceProfile();
  return {
    ...profile,
    name: 'silent target',
    launch: { kind: 'external' },
    drivers: {},
    timing: { ...profile.timing, registerWithin: 0.5, reactionWithin: 0.5, caseDeadline: 10 },
  };
}

/**
 * The bundled reference device claiming PSK and certificate security as well: int-1 and int-2
 * provision it with secured server accounts. Not the shipped profile: there the security cases
 * (int-401…) would apply to a harness listening without DTLS.
 */
export function secureBootstrapProfile(faults: readonly string[] = []): Profile {
  const profile = referenceDeviceProfile(faults);
  return { ...profile, features: { ...profile.features, security: ['psk', 'x509'] } };
}

/**
 * The bundled device over DTLS-PSK that bootstraps (no factory server account): the session's
 * reference server listens on coaps://, so every case's bootstrap must give it the PSK account.
 */
export function pskBootstrapProfile(): Profile {
  const file = join(projectRoot, 'fixtures', 'profiles', 'reference-device-dtls-psk.yaml');
  const profile = parseProfile(readFileSync(file, 'utf8'), file);
  const base = referenceDeviceProfile();
  if (base.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  return { ...profile, features: { ...profile.features, bootstrap: base.features.bootstrap }, launch: base.launch, drivers: base.drivers };
}

/**
 * The bundled device keeping its factory server account where a real device may: Server
 * instance /1/1, Short Server ID 123, Security instance /0/2. It registers directly (no
 * bootstrap), so the session must learn the account from the device; `server` adds what the
 * profile states (target.server).
 */
export function movedAccountProfile(options: { faults?: readonly string[]; server?: Profile['target']['server'] } = {}): Profile {
  const profile = referenceDeviceProfile(options.faults);
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  // The server's address in parts ({server.host}, {server.port}), as some devices take it.
  const args = profile.launch.args.map((a) => (a === '--bootstrap' ? '--server' : a === '{bootstrap.uri}' ? 'coap://{server.host}:{server.port}' : a));
  const { 'factory-reset': _, ...drivers } = profile.drivers;
  return {
    ...profile,
    name: 'bundled device, server account at /1/1 (SSID 123, Security /0/2)',
    target: { ...profile.target, server: options.server ?? {} },
    features: { ...profile.features, bootstrap: [] },
    launch: { ...profile.launch, args: [...args, '--server-instance', '1', '--ssid', '123', '--security-instance', '2'] },
    drivers,
  };
}

/** The bundled device holding some values unlike the ETS configuration from every start (`--set PATH=VALUE`). */
export function presetDeviceProfile(values: Readonly<Record<string, string>>, faults: readonly string[] = []): Profile {
  const profile = referenceDeviceProfile(faults);
  if (profile.launch.kind !== 'process') throw new Error('the reference profile launches a process');
  const sets = Object.entries(values).flatMap(([path, value]) => ['--set', `${path}=${value}`]);
  return { ...profile, launch: { ...profile.launch, args: [...profile.launch.args, ...sets] } };
}
