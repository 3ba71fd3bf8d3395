// Renders the profile schema as JSON Schema (draft 2020-12), for editors and external
// validation. The YAML loader itself validates with schema.ts, which also gives line numbers.
import type { Schema } from './schema.ts';

type Json = Record<string, unknown>;

/** The schema as a JSON Schema document body: shared parts (a `ref`) defined once in $defs. */
export function toJsonSchemaDocument(schema: Schema): Json {
  const defs: Record<string, Json> = {};
  const root = toJsonSchema(schema, undefined, defs);
  return Object.keys(defs).length ? { ...root, $defs: defs } : root;
}

export function toJsonSchema(schema: Schema, description?: string, defs?: Record<string, Json>): Json {
  const described = (out: Json): Json => (description ? { description, ...out } : out);
  if (schema.kind === 'oneOf' && schema.ref && defs) {
    defs[schema.ref] ??= { oneOf: schema.options.map((o) => toJsonSchema(o, undefined, defs)) };
    return described({ $ref: `#/$defs/${schema.ref}` });
  }
  switch (schema.kind) {
    case 'string': {
      const out: Json = { type: 'string' };
      if (schema.enum) out.enum = [...schema.enum];
      if (schema.pattern) out.pattern = schema.pattern.source;
      return described(out);
    }
    case 'number': {
      const out: Json = { type: schema.integer ? 'integer' : 'number' };
      if (schema.min !== undefined) out.minimum = schema.min;
      if (schema.above !== undefined) out.exclusiveMinimum = schema.above;
      if (schema.max !== undefined) out.maximum = schema.max;
      return described(out);
    }
    case 'boolean':
      return described({ type: 'boolean' });
    case 'array':
      return described({ type: 'array', items: toJsonSchema(schema.items, undefined, defs) });
    case 'map':
      return described({
        type: 'object',
        ...(schema.keys ? { propertyNames: { pattern: schema.keys.source } } : {}),
        additionalProperties: toJsonSchema(schema.values, undefined, defs),
      });
    case 'oneOf':
      return described({ oneOf: schema.options.map((o) => toJsonSchema(o, undefined, defs)) });
    case 'object': {
      const required = Object.entries(schema.fields).filter(([, f]) => f.required).map(([k]) => k);
      return described({
        type: 'object',
        properties: Object.fromEntries(Object.entries(schema.fields).map(([k, f]) => [k, toJsonSchema(f.schema, f.description, defs)])),
        ...(required.length ? { required } : {}),
        additionalProperties: false,
      });
    }
  }
}
