// The LwM2M object model: built-in core objects, users' DDF objects, and models over them.
export type { ObjectDef, ObjectModel, Operations, ResourceDef, ValueType } from './types.ts';
export type { DdfError, DdfLoadResult } from './ddf-loader.ts';
export { formatDdfError, loadObjectDefinitionFile, loadObjectDefinitions, parseObjectDefinitions } from './ddf-loader.ts';
export { combineModels, modelFrom } from './object-model.ts';
export { coreModel, coreObjectAtVersion, coreObjectDefinitions } from './core-model.ts';
