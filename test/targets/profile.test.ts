// Profile errors name the file, line, column and field, and say what was expected.
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../harness/targets/profile.ts';
import { ConfigError } from '../../harness/targets/config-error.ts';
import { readFileSync } from 'node:fs';
import { referenceProfileFile } from '../support/reference-profile.ts';

const valid = `name: my device
target:
  role: client
  lwm2mVersion: "1.1"
  endpoint: dev-1
timing:
  shortLifetime: 5
`;

function errorOf(text: string): ConfigError {
  try {
    parseProfile(text, 'my.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('profile loading', () => {
  it('loads the bundled reference profile', () => {
    const p = parseProfile(readFileSync(referenceProfileFile, 'utf8'), referenceProfileFile);
    expect(p.target).toEqual({ role: 'client', lwm2mVersion: '1.1', endpoint: 'urn:dev:lwm2m-conformance:ref-0001', uri: '', security: { mode: 'nosec' }, server: {} });
    expect(p.launch.kind).toBe('process');
    expect(p.drivers.reboot).toEqual({ kind: 'stdin', line: 'reboot' });
  });

  it('fills defaults for what a minimal profile leaves out', () => {
    const p = parseProfile(valid, 'my.yaml');
    expect(p.timing.shortLifetime).toBe(5);
    expect(p.timing.registerWithin).toBe(10);
    expect(p.launch).toEqual({ kind: 'external' });
    expect(p.features.bindings).toEqual(['U']);
  });

  it('names file, line, column and field of a wrong value', () => {
    const e = errorOf(valid.replace('shortLifetime: 5', 'shortLifetime: soon'));
    expect(e.message).toBe('my.yaml:7:18: timing.shortLifetime: expected a number, found string "soon"');
  });

  it('rejects unknown keys with a did-you-mean hint', () => {
    const e = errorOf(valid.replace('shortLifetime: 5', 'shortLifetme: 5'));
    expect(e.message).toMatch(/^my\.yaml:7:3: timing\.shortLifetme: unknown key "shortLifetme" \(did you mean "shortLifetime"\?\)/);
  });

  it('rejects a value outside an enumeration, with a hint', () => {
    expect(errorOf(valid.replace('role: client', 'role: clinet')).message).toBe(
      'my.yaml:3:9: target.role: expected one of client, server, bootstrap-server, found "clinet" (did you mean "client"?)',
    );
  });

  it('reports a missing required key at its parent', () => {
    expect(errorOf(valid.replace('name: my device\n', '')).message).toMatch(/^my\.yaml:1:1: \(top level\): missing required key "name"/);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(errorOf('name: [unclosed\n').message).toMatch(/^my\.yaml:\d+:\d+: not valid YAML/);
  });

  it('needs an endpoint for a client target, and a command for a process launch', () => {
    expect(errorOf(valid.replace('  endpoint: dev-1\n', '')).message).toContain('a client target needs "endpoint"');
    expect(errorOf(`${valid}launch:\n  kind: process\n`).message).toBe('my.yaml:9:3: launch: a process launch needs "command"');
  });

  it('rejects a stdin driver without a launched process', () => {
    expect(errorOf(`${valid}drivers:\n  reboot: { stdin: reboot }\n`).message).toContain('drivers.reboot.stdin: a stdin driver needs a process launch');
  });
});
