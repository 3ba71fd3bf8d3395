// Builds ObjectModels from definitions and layers them (built-ins, then users' objects).
import type { ObjectDef, ObjectModel, ResourceDef } from './types.ts';

/** A model over `defs`; when an object id repeats, the later definition wins. */
export function modelFrom(defs: Iterable<ObjectDef>): ObjectModel {
  const objects = new Map<number, ObjectDef>();
  for (const def of defs) objects.set(def.id, def);
  return {
    object: (objectId: number): ObjectDef | undefined => objects.get(objectId),
    resource: (objectId: number, resourceId: number): ResourceDef | undefined =>
      objects.get(objectId)?.resources.get(resourceId),
  };
}

/**
 * Layers models: an object defined by a later model replaces the earlier one as a whole
 * (resources are not merged, so a vendor's version of an object is taken as it stands).
 */
export function combineModels(...models: ObjectModel[]): ObjectModel {
  const owner = (objectId: number): ObjectModel | undefined => {
    for (let i = models.length - 1; i >= 0; i--) {
      if (models[i]!.object(objectId) !== undefined) return models[i];
    }
    return undefined;
  };
  return {
    object: (objectId: number): ObjectDef | undefined => owner(objectId)?.object(objectId),
    resource: (objectId: number, resourceId: number): ResourceDef | undefined =>
      owner(objectId)?.resource(objectId, resourceId),
  };
}
