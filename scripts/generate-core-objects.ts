// Generates harness/lwm2m/model/core-objects.ts, the built-in definitions of the core objects,
// from an OMA LwM2M registry checkout (top-level <id>.xml plus version_history/<id>-X_Y.xml).
// Usage: node --import tsx scripts/generate-core-objects.ts <registry-dir>
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareVersions } from '../harness/lwm2m/model/core-data.ts';
import { formatDdfError, loadObjectDefinitionFile } from '../harness/lwm2m/model/ddf-loader.ts';
import type { ObjectDef, ResourceDef } from '../harness/lwm2m/model/types.ts';

/** The objects the ETS configurations (C.1-C.16) and the codecs need built in (C.10, C.11: 10, 11, 13; C.15: 19; C.16: 20). */
export const CORE_OBJECT_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 13, 16, 19, 20, 3303] as const;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outputPath = join(projectRoot, 'harness', 'lwm2m', 'model', 'core-objects.ts');

interface VersionedDef {
  readonly file: string;
  readonly def: ObjectDef;
}

function loadOne(registry: string, file: string): ObjectDef {
  const result = loadObjectDefinitionFile(join(registry, file));
  const [first] = result.errors;
  if (first) throw new Error(formatDdfError(first));
  const def = result.definitions[0];
  if (!def) throw new Error(`${file}: no object definition`);
  return def;
}

/** Every version of `id` in the registry, oldest first; the top-level file is the newest. */
function versionsOf(registry: string, id: number): VersionedDef[] {
  const historyDir = join(registry, 'version_history');
  const historyFiles = existsSync(historyDir)
    ? readdirSync(historyDir).filter((name) => new RegExp(`^${id}-\\d+_\\d+\\.xml$`).test(name))
    : [];
  const byVersion = new Map<string, VersionedDef>();
  for (const name of historyFiles) {
    const file = `version_history/${name}`;
    const def = loadOne(registry, file);
    byVersion.set(def.version, { file, def });
  }
  const latestFile = `${id}.xml`;
  const latest = loadOne(registry, latestFile);
  // The top-level file repeats the newest history entry; it is the authority for that version.
  byVersion.set(latest.version, { file: latestFile, def: latest });
  return [...byVersion.values()].sort((a, b) => compareVersions(a.def.version, b.def.version));
}

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function resourceLine(resource: ResourceDef, since: string | undefined): string {
  const fields = [
    String(resource.id),
    quote(resource.name),
    quote(resource.operations),
    quote(resource.type),
    quote(resource.multiple ? 'multiple' : 'single'),
    quote(resource.mandatory ? 'mandatory' : 'optional'),
    ...(since ? [quote(since)] : []),
  ];
  return `      [${fields.join(', ')}],`;
}

/** Notes where an older version says something different from the newest (kept: the newest). */
function differences(versions: readonly VersionedDef[], newest: ObjectDef): string[] {
  const notes: string[] = [];
  for (const { file, def } of versions.slice(0, -1)) {
    const gone = [...def.resources.keys()].filter((rid) => !newest.resources.has(rid));
    if (gone.length > 0) notes.push(`${file}: resources ${gone.join(', ')} are gone from ${newest.version}`);
    for (const field of ['name', 'operations', 'type', 'multiple', 'mandatory'] as const) {
      const changed = [...def.resources.values()].filter((old) => {
        const now = newest.resources.get(old.id);
        return now !== undefined && old[field] !== now[field];
      });
      if (changed.length === 0) continue;
      const olds = changed.map((old) => `${old.id}=${JSON.stringify(old[field])}`).join(', ');
      notes.push(`${file}: ${field} of resources ${olds} (newest kept)`);
    }
  }
  return notes;
}

function objectBlock(versions: readonly VersionedDef[]): { text: string; notes: string[] } {
  const newest = versions[versions.length - 1]!.def;
  const sinceOf = (rid: number): string | undefined => {
    const first = versions.find((v) => v.def.resources.has(rid))!.def.version;
    return compareVersions(first, '1.0') > 0 ? first : undefined;
  };
  const notes = differences(versions, newest);
  const lines = [
    '  {',
    `    // ${newest.name}: newest ${versions[versions.length - 1]!.file}; registry versions ${versions.map((v) => v.def.version).join(', ')}`,
    ...notes.map((n) => `    // older version differs: ${n}`),
    `    id: ${newest.id},`,
    `    name: ${quote(newest.name)},`,
    `    version: ${quote(newest.version)},`,
    `    lwm2mVersion: ${quote(newest.lwm2mVersion)},`,
    `    urn: ${quote(newest.urn)},`,
    `    multiple: ${newest.multiple},`,
    `    mandatory: ${newest.mandatory},`,
    '    versions: [',
    ...versions.map(
      ({ def }) =>
        `      { version: ${quote(def.version)}, lwm2mVersion: ${quote(def.lwm2mVersion)}, urn: ${quote(def.urn)} },`,
    ),
    '    ],',
    '    resources: [',
    ...[...newest.resources.values()].sort((a, b) => a.id - b.id).map((r) => resourceLine(r, sinceOf(r.id))),
    '    ],',
    '  },',
  ];
  return { text: lines.join('\n'), notes };
}

const HEADER = `// Built-in definitions of the core LwM2M objects: the project's own compact data.
// GENERATED by scripts/generate-core-objects.ts from an OMA LwM2M registry checkout; do not
// edit by hand. Regenerate: node --import tsx scripts/generate-core-objects.ts ../shared/registry
// test/lwm2m/model/core-drift.test.ts fails when this data and the registry disagree.
//
// Versions: each object is held at the NEWEST version in the registry (the top-level <id>.xml),
// e.g. Security 1.2 and Device 1.2 (LwM2M 1.1), Server 1.2 (LwM2M 1.2), Connectivity
// Monitoring 1.3, Firmware Update 1.2, Temperature 1.1. Resource types never change between
// versions of these objects, so the newest is a superset that decodes what a client of any
// enabler version (1.0-1.2) sends, and it carries the resources ETS 1.2 configurations use
// (e.g. /0/x/26-27 for MQTT, /1/x/23 Mute Send, /1/x/27 Profile ID hash). Earlier versions
// (the registry's version_history/) are derived with coreObjectDef(data, version): 'since' is
// the object version that introduced a resource.
//
// Resource columns: id, name, operations ('' = none: bootstrap-only), type ('none' = executable),
// instances, presence, since.
import type { CoreObjectData } from './core-data.ts';
`;

/** The text of core-objects.ts for the registry in `registry`; throws on a definition error. */
export function renderCoreObjects(registry: string, onNote: (note: string) => void = () => {}): string {
  const blocks: string[] = [];
  for (const id of CORE_OBJECT_IDS) {
    const block = objectBlock(versionsOf(registry, id));
    for (const note of block.notes) onNote(`object ${id}: ${note}`);
    blocks.push(block.text);
  }
  return `${HEADER}\nexport const CORE_OBJECTS: readonly CoreObjectData[] = [\n${blocks.join('\n')}\n];\n`;
}

function main(argv: readonly string[]): number {
  const registry = argv[0];
  if (!registry || argv.length > 1) {
    process.stderr.write('usage: node --import tsx scripts/generate-core-objects.ts <registry-dir>\n');
    return 3;
  }
  if (!existsSync(registry)) {
    process.stderr.write(`registry directory not found: ${registry}\n`);
    return 3;
  }
  let text: string;
  try {
    text = renderCoreObjects(registry, (note) => process.stderr.write(`note: ${note}\n`));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  writeFileSync(outputPath, text);
  process.stdout.write(`wrote ${outputPath} (${CORE_OBJECT_IDS.length} objects)\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
