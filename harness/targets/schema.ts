// A small schema language for YAML configuration, checked node by node so that every error
// points at the line and column of the offending value, and unknown keys are caught with a
// "did you mean" hint.
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { ConfigError, closest } from './config-error.ts';

export type Schema =
  | { kind: 'string'; enum?: readonly string[]; pattern?: RegExp; patternText?: string }
  | { kind: 'number'; min?: number; /** Exclusive lower bound: the value must exceed it. */ above?: number; max?: number; integer?: boolean }
  | { kind: 'boolean' }
  | { kind: 'array'; items: Schema }
  | { kind: 'object'; fields: Readonly<Record<string, Field>> }
  | { kind: 'map'; keys?: RegExp; keysText?: string; values: Schema }
  /** The first alternative that fits; `describe` names them all for the error message. */
  | { kind: 'oneOf'; options: readonly Schema[]; describe: string; /** Name under which JSON Schema defines it once. */ ref?: string };

export interface Field {
  schema: Schema;
  required?: boolean;
  description: string;
}

interface Where {
  file: string;
  lines: LineCounter;
}

function locate(where: Where, node: Node | null | undefined, field: string) {
  const offset = node?.range?.[0];
  const pos = offset !== undefined ? where.lines.linePos(offset) : undefined;
  return { file: where.file, ...(pos ? { line: pos.line, column: pos.col } : {}), field: field || '(top level)' };
}

/** Whether a node has the shape a schema takes (a mapping for an object or map, a list for an array). */
function shapeFits(node: unknown, schema: Schema): boolean {
  if (schema.kind === 'oneOf') return schema.options.some((option) => shapeFits(node, option));
  if (isMap(node)) return schema.kind === 'object' || schema.kind === 'map';
  if (isSeq(node)) return schema.kind === 'array';
  return schema.kind === 'string' || schema.kind === 'number' || schema.kind === 'boolean';
}

/** Throws at the second of two equal keys (the YAML parser's own check takes time quadratic in the number of keys). */
function refuseDuplicate(seen: Map<string, Node | null>, key: string, keyNode: Node | null, sub: string, where: Where): void {
  const first = seen.get(key);
  if (first !== undefined) {
    const line = first?.range ? ` (first at line ${where.lines.linePos(first.range[0]).line})` : '';
    throw new ConfigError(locate(where, keyNode, sub), `duplicate key "${key}"${line}`);
  }
  seen.set(key, keyNode);
}

function describeNode(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty value' : `${typeof node.value} ${JSON.stringify(node.value)}`;
  return 'nothing';
}

/** Checks `node` against `schema` and returns its plain value; throws ConfigError at the first problem. */
export function validate(node: Node | null | undefined, schema: Schema, field: string, where: Where): unknown {
  const fail = (problem: string, at: Node | null | undefined = node): never => {
    throw new ConfigError(locate(where, at, field), problem);
  };
  // An alias would be validated once per use: a few nested ones multiply into millions of nodes.
  if (isAlias(node)) return fail(`YAML aliases (*${node.source}) are not supported in a profile; write the value out`);
  switch (schema.kind) {
    case 'oneOf': {
      const errors: ConfigError[] = [];
      for (const option of schema.options) {
        try {
          return validate(node, option, field, where);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          errors.push(error);
        }
      }
      // When only one alternative has the node's shape (a mapping, a list), its own error says more.
      const shaped = schema.options.map((option, i) => [option, errors[i]!] as const).filter(([option]) => shapeFits(node, option));
      if (shaped.length === 1) throw shaped[0]![1];
      return fail(`expected ${schema.describe}, found ${describeNode(node)}`);
    }
    case 'string': {
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
        return fail(`expected a string, found ${describeNode(node)}`);
      }
      const value = String(node.value);
      if (schema.enum && !schema.enum.includes(value)) {
        const hint = closest(value, schema.enum);
        return fail(`expected one of ${schema.enum.join(', ')}, found "${value}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      }
      if (schema.pattern && !schema.pattern.test(value)) return fail(`expected ${schema.patternText ?? String(schema.pattern)}, found "${value}"`);
      return value;
    }
    case 'number': {
      if (!isScalar(node) || typeof node.value !== 'number') return fail(`expected a number, found ${describeNode(node)}`);
      const value = node.value;
      if (schema.integer && !Number.isInteger(value)) return fail(`expected a whole number, found ${value}`);
      if (schema.min !== undefined && value < schema.min) return fail(`expected at least ${schema.min}, found ${value}`);
      if (schema.above !== undefined && value <= schema.above) return fail(`expected more than ${schema.above}, found ${value}`);
      if (schema.max !== undefined && value > schema.max) return fail(`expected at most ${schema.max}, found ${value}`);
      return value;
    }
    case 'boolean': {
      if (!isScalar(node) || typeof node.value !== 'boolean') return fail(`expected true or false, found ${describeNode(node)}`);
      return node.value;
    }
    case 'array': {
      if (!isSeq(node)) return fail(`expected a list, found ${describeNode(node)}`);
      return node.items.map((item, i) => validate(item as Node, schema.items, `${field}[${i}]`, where));
    }
    case 'map': {
      if (!isMap(node)) return fail(`expected a mapping, found ${describeNode(node)}`);
      const out: Record<string, unknown> = {};
      const seen = new Map<string, Node | null>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const sub = field ? `${field}.${key}` : key;
        refuseDuplicate(seen, key, pair.key as Node, sub, where);
        if (schema.keys && !schema.keys.test(key)) {
          throw new ConfigError(locate(where, pair.key as Node, sub), `key "${key}" is not ${schema.keysText ?? String(schema.keys)}`);
        }
        out[key] = validate(pair.value as Node, schema.values, sub, where);
      }
      return out;
    }
    case 'object': {
      if (!isMap(node)) return fail(`expected a mapping, found ${describeNode(node)}`);
      const out: Record<string, unknown> = {};
      const known = Object.keys(schema.fields);
      const seen = new Map<string, Node | null>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const sub = field ? `${field}.${key}` : key;
        refuseDuplicate(seen, key, pair.key as Node, sub, where);
        const spec = schema.fields[key];
        if (key === '<<') throw new ConfigError(locate(where, pair.key as Node, sub), 'YAML merge keys (<<) are not supported in a profile; write the keys out');
        if (!spec) {
          const hint = closest(key, known);
          throw new ConfigError(
            locate(where, pair.key as Node, sub),
            `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed here: ${known.join(', ')}`,
          );
        }
        out[key] = validate(pair.value as Node, spec.schema, sub, where);
      }
      for (const [key, spec] of Object.entries(schema.fields)) {
        if (spec.required && !(key in out)) fail(`missing required key "${key}" (${spec.description})`);
      }
      return out;
    }
  }
}
