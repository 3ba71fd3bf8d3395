// The built-in core objects (0-7, 16, 19, 3303) as ObjectDefs and as a model.
import { coreObjectDef } from './core-data.ts';
import { CORE_OBJECTS } from './core-objects.ts';
import { modelFrom } from './object-model.ts';
import type { ObjectDef, ObjectModel } from './types.ts';

/** Built-in definitions of the core objects at their newest registry versions. */
export function coreObjectDefinitions(): ObjectDef[] {
  return CORE_OBJECTS.map((data) => coreObjectDef(data)!);
}

/** A built-in object at an earlier version (as announced with `ver=`), if the registry has it. */
export function coreObjectAtVersion(objectId: number, version: string): ObjectDef | undefined {
  const data = CORE_OBJECTS.find((d) => d.id === objectId);
  return data ? coreObjectDef(data, version) : undefined;
}

let core: ObjectModel | undefined;

/** The model of the built-in core objects, newest versions. */
export function coreModel(): ObjectModel {
  core ??= modelFrom(coreObjectDefinitions());
  return core;
}
