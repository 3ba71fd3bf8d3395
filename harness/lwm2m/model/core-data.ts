// The shape of the built-in core object data (core-objects.ts) and its conversion to ObjectDefs.
// One entry per object holds its newest version; each resource notes the object version that
// introduced it, so the definition of any earlier version can be derived (IF-05: a server uses
// the version the client announces with `ver=`).
import type { ObjectDef, Operations, ResourceDef, ValueType } from './types.ts';

/** One resource: a tuple, so the generated table reads one resource per line. */
export type CoreResourceData = readonly [
  id: number,
  name: string,
  operations: Operations,
  type: ValueType,
  instances: 'single' | 'multiple',
  presence: 'mandatory' | 'optional',
  /** Object version that introduced the resource; absent for resources present since 1.0. */
  since?: string,
];

export interface CoreVersionData {
  readonly version: string;
  readonly lwm2mVersion: string;
  readonly urn: string;
}

export interface CoreObjectData extends CoreVersionData {
  readonly id: number;
  readonly name: string;
  readonly multiple: boolean;
  readonly mandatory: boolean;
  /** Every version the registry holds, oldest first; the last is this entry's own. */
  readonly versions: readonly CoreVersionData[];
  readonly resources: readonly CoreResourceData[];
}

/** Orders "MAJOR.MINOR" versions numerically (so "1.10" follows "1.9"). */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

function toResourceDef([id, name, operations, type, instances, presence]: CoreResourceData): ResourceDef {
  return { id, name, operations, type, multiple: instances === 'multiple', mandatory: presence === 'mandatory' };
}

/**
 * The ObjectDef of `data` at `version` (default: its newest), or undefined when the registry
 * holds no such version of the object.
 */
export function coreObjectDef(data: CoreObjectData, version: string = data.version): ObjectDef | undefined {
  const at = data.versions.find((v) => v.version === version);
  if (!at) return undefined;
  const resources = new Map<number, ResourceDef>();
  for (const resource of data.resources) {
    const since = resource[6] ?? '1.0';
    if (compareVersions(since, version) <= 0) resources.set(resource[0], toResourceDef(resource));
  }
  return {
    id: data.id,
    name: data.name,
    version: at.version,
    lwm2mVersion: at.lwm2mVersion,
    urn: at.urn,
    multiple: data.multiple,
    mandatory: data.mandatory,
    resources,
  };
}
