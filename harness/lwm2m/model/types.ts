// The object model's vocabulary: what an LwM2M object or resource definition says.
// Codecs ask an ObjectModel for a resource's type when the wire format does not carry one (TLV).

/** Resource data types, named as in the shared vector notation and the OMA DDF. */
export type ValueType =
  | 'string'
  | 'integer'
  | 'unsigned'
  | 'float'
  | 'boolean'
  | 'opaque'
  | 'time'
  | 'objlnk'
  | 'corelnk'
  | 'none';

/** Operations a resource allows: read, write, both, execute, or none (object-level only). */
export type Operations = 'R' | 'W' | 'RW' | 'E' | '';

export interface ResourceDef {
  readonly id: number;
  readonly name: string;
  readonly type: ValueType;
  readonly operations: Operations;
  /** true: multiple resource instances (/o/i/r/ri). */
  readonly multiple: boolean;
  readonly mandatory: boolean;
  readonly rangeEnumeration?: string;
  readonly units?: string;
}

export interface ObjectDef {
  readonly id: number;
  readonly name: string;
  /** Object version, e.g. "1.0", "1.1". */
  readonly version: string;
  /** LwM2M enabler version the definition targets, e.g. "1.0", "1.1". */
  readonly lwm2mVersion: string;
  readonly urn: string;
  /** true: multiple instances allowed. */
  readonly multiple: boolean;
  readonly mandatory: boolean;
  readonly resources: ReadonlyMap<number, ResourceDef>;
}

/** A set of object definitions the codecs and peers consult. */
export interface ObjectModel {
  object(objectId: number): ObjectDef | undefined;
  resource(objectId: number, resourceId: number): ResourceDef | undefined;
}
