// Renders the profile schema as JSON Schema (draft 2020-12), for editors and external
// validation. The YAML loader itself validates with schema.ts, which also gives line numbers.
import type { Schema } from './schema.ts';

type Json = Record<string, unknown>;

export function toJsonSchema(schema: Schema, description?: string): Json {
  const described = (out: Json): Json => (description ? { description, ...out } : out);
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
      if (schema.max !== undefined) out.maximum = schema.max;
      return described(out);
    }
    case 'boolean':
      return described({ type: 'boolean' });
    case 'array':
      return described({ type: 'array', items: toJsonSchema(schema.items) });
    case 'map':
      return described({
        type: 'object',
        ...(schema.keys ? { propertyNames: { pattern: schema.keys.source } } : {}),
        additionalProperties: toJsonSchema(schema.values),
      });
    case 'oneOf':
      return described({ oneOf: schema.options.map((o) => toJsonSchema(o)) });
    case 'object': {
      const required = Object.entries(schema.fields).filter(([, f]) => f.required).map(([k]) => k);
      return described({
        type: 'object',
        properties: Object.fromEntries(Object.entries(schema.fields).map(([k, f]) => [k, toJsonSchema(f.schema, f.description)])),
        ...(required.length ? { required } : {}),
        additionalProperties: false,
      });
    }
  }
}
