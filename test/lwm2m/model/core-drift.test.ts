// Drift test: the built-in core object data (core-objects.ts) against the OMA registry
// (../shared/registry), for the newest version and every earlier version the registry holds.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreObjectDef } from '../../../harness/lwm2m/model/core-data.ts';
import { CORE_OBJECTS } from '../../../harness/lwm2m/model/core-objects.ts';
import { formatDdfError, loadObjectDefinitionFile } from '../../../harness/lwm2m/model/ddf-loader.ts';
import type { ObjectDef } from '../../../harness/lwm2m/model/types.ts';
import { renderCoreObjects } from '../../../scripts/generate-core-objects.ts';
import { projectRoot, sharedMissing, sharedMissingReason, sharedPath } from '../../support/shared.ts';

/**
 * Known registry inconsistency: /1 version 1.1 gives resources 13-20 no operations; version 1.2
 * gives them R/RW. The built-ins keep the newest operations for every version.
 */
const OPERATIONS_KEPT_FROM_NEWEST: ReadonlyMap<string, readonly number[]> = new Map([['1@1.1', [13, 14, 15, 16, 17, 18, 19, 20]]]);

/** Resources a later version removed: /10 1.1 moved Serving PLMN Rate control (6) to /11. The built-ins hold the newest. */
const GONE_IN_NEWEST: ReadonlyMap<string, readonly number[]> = new Map([['10@1.0', [6]]]);

/** Object fields a later version changed: Event Log /20 1.0 was single-instance, 2.0 made it multiple. */
const OBJECT_FIELDS_FROM_NEWEST: ReadonlyMap<string, readonly string[]> = new Map([['20@1.0', ['multiple']]]);

/** The registry marks footnotes in some resource names ("PSM Timer (1)" in /10 1.0, "QCI (3)" in /11): not part of the name. */
const withoutFootnote = (name: unknown) => (typeof name === 'string' ? name.replace(/ \(\d+\)$/, '') : name);

const OBJECT_FIELDS = ['name', 'version', 'lwm2mVersion', 'urn', 'multiple', 'mandatory'] as const;
const RESOURCE_FIELDS = ['name', 'operations', 'type', 'multiple', 'mandatory'] as const;

/** Each difference as "object O vV resource R field F: built-in X, registry Y (file)". */
function drift(builtIn: ObjectDef, registry: ObjectDef, file: string): string[] {
  const where = `object ${builtIn.id} v${builtIn.version}`;
  const found: string[] = [];
  const differ = (what: string, ours: unknown, theirs: unknown): void => {
    if (ours !== theirs) found.push(`${what}: built-in ${JSON.stringify(ours)}, registry ${JSON.stringify(theirs)} (${file})`);
  };
  const key = `${builtIn.id}@${builtIn.version}`;
  const keptFields = OBJECT_FIELDS_FROM_NEWEST.get(key) ?? [];
  for (const field of OBJECT_FIELDS) if (!keptFields.includes(field)) differ(`${where} field ${field}`, builtIn[field], registry[field]);
  const keptOps = OPERATIONS_KEPT_FROM_NEWEST.get(key) ?? [];
  const gone = GONE_IN_NEWEST.get(key) ?? [];
  for (const theirs of registry.resources.values()) {
    const ours = builtIn.resources.get(theirs.id);
    if (!ours && gone.includes(theirs.id)) continue;
    if (!ours) {
      found.push(`${where} resource ${theirs.id} (${theirs.name}): missing from the built-ins (${file})`);
      continue;
    }
    for (const field of RESOURCE_FIELDS) {
      if (field === 'operations' && keptOps.includes(theirs.id)) continue;
      if (field === 'name') differ(`${where} resource ${theirs.id} field name`, withoutFootnote(ours.name), withoutFootnote(theirs.name));
      else differ(`${where} resource ${theirs.id} field ${field}`, ours[field], theirs[field]);
    }
  }
  for (const ours of builtIn.resources.values()) {
    if (!registry.resources.has(ours.id)) found.push(`${where} resource ${ours.id} (${ours.name}): not in the registry (${file})`);
  }
  return found;
}

function loadRegistryFile(file: string): ObjectDef {
  const result = loadObjectDefinitionFile(sharedPath('registry', file));
  expect(result.errors.map(formatDdfError)).toEqual([]);
  return result.definitions[0]!;
}

/** Registry versions of an object, from version_history/<id>-X_Y.xml file names. */
function historyFiles(id: number): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(sharedPath('registry', 'version_history'))) {
    const match = new RegExp(`^${id}-(\\d+)_(\\d+)\\.xml$`).exec(name);
    if (match) files.set(`${match[1]}.${match[2]}`, `version_history/${name}`);
  }
  return files;
}

describe.skipIf(sharedMissing)(`built-in core objects against the registry${sharedMissing ? ` (skipped: ${sharedMissingReason})` : ''}`, () => {
  it.each(CORE_OBJECTS.map((data) => [data.id, data] as const))('object %i, newest version, matches <id>.xml', (id, data) => {
    const file = `${id}.xml`;
    expect(drift(coreObjectDef(data)!, loadRegistryFile(file), file)).toEqual([]);
  });

  it.each(CORE_OBJECTS.map((data) => [data.id, data] as const))('object %i, every registry version, matches version_history/', (id, data) => {
    const files = historyFiles(id);
    expect(data.versions.map((v) => v.version)).toEqual([...files.keys()].sort());
    const found = [...files].flatMap(([version, file]) => drift(coreObjectDef(data, version)!, loadRegistryFile(file), file));
    expect(found).toEqual([]);
  });

  it('core-objects.ts is exactly what the generator makes from the registry', () => {
    const committed = readFileSync(join(projectRoot, 'harness', 'lwm2m', 'model', 'core-objects.ts'), 'utf8');
    expect(renderCoreObjects(sharedPath('registry')), 'regenerate: node --import tsx scripts/generate-core-objects.ts ../shared/registry').toBe(committed);
  });
});

describe('the drift check itself', () => {
  it('names the object, resource and field that drifted', () => {
    const data = CORE_OBJECTS.find((d) => d.id === 3)!;
    const ours = coreObjectDef(data)!;
    const resources = new Map(ours.resources);
    resources.set(11, { ...resources.get(11)!, type: 'string' });
    resources.delete(4);
    const theirs: ObjectDef = { ...ours, resources };
    expect(drift(ours, theirs, '3.xml')).toEqual([
      'object 3 v1.2 resource 11 field type: built-in "integer", registry "string" (3.xml)',
      'object 3 v1.2 resource 4 (Reboot): not in the registry (3.xml)',
    ]);
  });
});
