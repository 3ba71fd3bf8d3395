// Every object definition file of the OMA registry (../shared/registry) loads without error.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDdfError, loadObjectDefinitions } from '../../../harness/lwm2m/model/ddf-loader.ts';
import { sharedMissing, sharedMissingReason, sharedPath } from '../../support/shared.ts';

const xmlCount = (dir: string): number => readdirSync(dir).filter((name) => name.endsWith('.xml')).length;

describe.skipIf(sharedMissing)(`OMA registry${sharedMissing ? ` (skipped: ${sharedMissingReason})` : ''}`, () => {
  it.each(['registry', 'registry/version_history'])('loads every file in %s', (dir) => {
    const path = sharedPath(...dir.split('/'));
    const { definitions, errors } = loadObjectDefinitions(path);
    expect(errors.map(formatDdfError)).toEqual([]);
    expect(definitions.length).toBe(xmlCount(path));
    expect(definitions.length).toBeGreaterThan(300);
  });

  it('tolerates the registry quirks', () => {
    const { definitions } = loadObjectDefinitions(sharedPath('registry'));
    const byId = new Map(definitions.map((d) => [d.id, d]));
    // Every /0 Security resource has empty Operations (bootstrap-only).
    expect([...byId.get(0)!.resources.values()].every((r) => r.operations === '')).toBe(true);
    // Executables have an empty <Type> (also written <Type/>, e.g. 10323).
    expect(byId.get(3)!.resources.get(4)).toMatchObject({ type: 'none', operations: 'E' });
    expect(byId.get(10323)!.resources.get(100)).toMatchObject({ type: 'none', operations: 'E' });
    // Free-text ranges are kept as written.
    expect(byId.get(3)!.resources.get(9)!.rangeEnumeration).toBe('0..100');
    // Both schema versions: 1.0 (no Unsigned Integer) and 1.1.
    expect(byId.get(3303)!.lwm2mVersion).toBe('1.0');
    expect(byId.get(1)!.resources.get(11)!.type).toBe('unsigned');
  });

  it('reads the version of 1.0 definitions without <ObjectVersion> from their URN', () => {
    const { definitions } = loadObjectDefinitions(sharedPath('registry', 'version_history'));
    const device10 = definitions.find((d) => d.id === 3 && d.urn === 'urn:oma:lwm2m:oma:3');
    expect(device10).toMatchObject({ version: '1.0', lwm2mVersion: '1.0' });
  });
});
