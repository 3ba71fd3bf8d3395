// Loads OMA LwM2M object definition files (DDF XML: the OMA registry, both LWM2M.xsd schema
// versions, and users' vendor objects) into ObjectDefs. Lenient where the registry is
// (free-text RangeEnumeration, missing optional elements, empty Type for executables), strict
// where a codec depends on it (ids, types, operations, multiplicity). Problems come back as
// DdfError values naming the file, line and element; nothing is thrown at callers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectDef, Operations, ResourceDef, ValueType } from './types.ts';
import { childNamed, readXml } from './xml-reader.ts';
import type { XmlElement } from './xml-reader.ts';

export interface DdfError {
  readonly kind: 'ddf-error';
  /** The file as given to the loader. */
  readonly file: string;
  /** 1-based line; 0 when the problem concerns the whole file (e.g. it cannot be read). */
  readonly line: number;
  /** Where in the definition, e.g. "Object 3 > Item 11 > Type". */
  readonly element?: string;
  readonly message: string;
}

export interface DdfLoadResult {
  /** Objects that loaded cleanly; an object with any error is left out. */
  readonly definitions: readonly ObjectDef[];
  readonly errors: readonly DdfError[];
}

/** "file:line: message (at element)", the form error listings use. */
export function formatDdfError(error: DdfError): string {
  const where = error.line > 0 ? `${error.file}:${error.line}` : error.file;
  const element = error.element ? ` (at ${error.element})` : '';
  return `${where}: ${error.message}${element}`;
}

const VALUE_TYPES: Readonly<Record<string, ValueType>> = {
  string: 'string',
  integer: 'integer',
  unsignedinteger: 'unsigned',
  float: 'float',
  boolean: 'boolean',
  opaque: 'opaque',
  time: 'time',
  objlnk: 'objlnk',
  corelnk: 'corelnk',
  none: 'none',
  '': 'none',
};

const OPERATIONS: ReadonlySet<string> = new Set(['R', 'W', 'RW', 'E', '']);

/** Collects errors for one object; lookups return undefined after recording what was wrong. */
class ObjectReader {
  readonly errors: DdfError[] = [];
  constructor(readonly file: string) {}

  error(line: number, element: string, message: string): undefined {
    this.errors.push({ kind: 'ddf-error', file: this.file, line, element, message });
    return undefined;
  }

  /** Trimmed text of a required child element. */
  required(parent: XmlElement, name: string, path: string): { text: string; line: number } | undefined {
    const child = childNamed(parent, name);
    if (!child) return this.error(parent.line, path, `missing element <${name}> in <${parent.name}>`);
    return { text: child.text.trim(), line: child.line };
  }

  optional(parent: XmlElement, name: string): { text: string; line: number } | undefined {
    const child = childNamed(parent, name);
    return child ? { text: child.text.trim(), line: child.line } : undefined;
  }

  id(parent: XmlElement, raw: { text: string; line: number } | undefined, path: string): number | undefined {
    if (!raw) return undefined;
    if (!/^\d+$/.test(raw.text) || Number(raw.text) > 65535) {
      return this.error(raw.line, path, `bad id "${raw.text}" in <${parent.name}>: expected an integer 0..65535`);
    }
    return Number(raw.text);
  }

  choice(parent: XmlElement, name: string, path: string, yes: string, no: string): boolean | undefined {
    const field = this.required(parent, name, `${path} > ${name}`);
    if (!field) return undefined;
    const value = field.text.toLowerCase();
    if (value === yes.toLowerCase()) return true;
    if (value === no.toLowerCase()) return false;
    return this.error(field.line, `${path} > ${name}`, `bad <${name}> "${field.text}": expected ${yes} or ${no}`);
  }

  version(field: { text: string; line: number } | undefined, path: string): string | undefined {
    if (!field || field.text === '') return undefined;
    if (!/^\d+\.\d+$/.test(field.text)) {
      return this.error(field.line, path, `bad version "${field.text}": expected MAJOR.MINOR`);
    }
    return field.text;
  }
}

function readResource(reader: ObjectReader, item: XmlElement, objectPath: string): ResourceDef | undefined {
  const rawId = item.attributes.get('ID');
  const id =
    rawId === undefined
      ? reader.error(item.line, `${objectPath} > Item`, 'missing attribute ID on <Item>')
      : reader.id(item, { text: rawId.trim(), line: item.line }, `${objectPath} > Item`);
  const path = `${objectPath} > Item ${rawId ?? '?'}`;
  const name = reader.required(item, 'Name', `${path} > Name`);

  const ops = reader.required(item, 'Operations', `${path} > Operations`);
  const operations = ops ? ops.text.toUpperCase() : undefined;
  if (ops && operations !== undefined && !OPERATIONS.has(operations)) {
    reader.error(ops.line, `${path} > Operations`, `bad <Operations> "${ops.text}": expected R, W, RW, E or empty`);
  }

  const multiple = reader.choice(item, 'MultipleInstances', path, 'Multiple', 'Single');
  const mandatory = reader.choice(item, 'Mandatory', path, 'Mandatory', 'Optional');

  const typeField = reader.required(item, 'Type', `${path} > Type`);
  const type = typeField ? VALUE_TYPES[typeField.text.toLowerCase().replace(/\s+/g, '')] : undefined;
  if (typeField && type === undefined) {
    reader.error(
      typeField.line,
      `${path} > Type`,
      `bad <Type> "${typeField.text}": expected String, Integer, Unsigned Integer, Float, Boolean, Opaque, Time, Objlnk, Corelnk or empty`,
    );
  }

  const range = reader.optional(item, 'RangeEnumeration')?.text;
  const units = reader.optional(item, 'Units')?.text;
  if (
    id === undefined ||
    !name ||
    operations === undefined ||
    !OPERATIONS.has(operations) ||
    multiple === undefined ||
    mandatory === undefined ||
    type === undefined
  ) {
    return undefined;
  }
  return {
    id,
    name: name.text,
    type,
    operations: operations as Operations,
    multiple,
    mandatory,
    ...(range ? { rangeEnumeration: range } : {}),
    ...(units ? { units } : {}),
  };
}

function readObject(file: string, object: XmlElement, index: number): { def?: ObjectDef; errors: DdfError[] } {
  const reader = new ObjectReader(file);
  const idField = reader.required(object, 'ObjectID', `Object #${index + 1} > ObjectID`);
  const id = reader.id(object, idField, `Object #${index + 1} > ObjectID`);
  const path = `Object ${id ?? `#${index + 1}`}`;

  const name = reader.required(object, 'Name', `${path} > Name`);
  const urn = reader.required(object, 'ObjectURN', `${path} > ObjectURN`);
  const lwm2mVersion = reader.version(reader.optional(object, 'LWM2MVersion'), `${path} > LWM2MVersion`);
  const objectVersion = reader.version(reader.optional(object, 'ObjectVersion'), `${path} > ObjectVersion`);
  const multiple = reader.choice(object, 'MultipleInstances', path, 'Multiple', 'Single');
  const mandatory = reader.choice(object, 'Mandatory', path, 'Mandatory', 'Optional');

  const resources = new Map<number, ResourceDef>();
  const resourcesElement = childNamed(object, 'Resources');
  if (!resourcesElement) {
    reader.error(object.line, `${path} > Resources`, 'missing element <Resources> in <Object>');
  } else {
    for (const item of resourcesElement.children) {
      if (item.name !== 'Item') continue;
      const resource = readResource(reader, item, path);
      if (!resource) continue;
      if (resources.has(resource.id)) {
        reader.error(item.line, `${path} > Item ${resource.id}`, `duplicate resource id ${resource.id}`);
      }
      resources.set(resource.id, resource);
    }
  }

  if (reader.errors.length > 0 || id === undefined || !name || !urn || multiple === undefined || mandatory === undefined) {
    return { errors: reader.errors };
  }
  return {
    def: {
      id,
      name: name.text,
      // Version 1.0 objects often carry no ObjectVersion; later ones also put it in the URN.
      version: objectVersion ?? /:(\d+\.\d+)$/.exec(urn.text)?.[1] ?? '1.0',
      lwm2mVersion: lwm2mVersion ?? '1.0',
      urn: urn.text,
      multiple,
      mandatory,
      resources,
    },
    errors: [],
  };
}

/** Parses DDF XML text; `fileName` only names the source in errors. */
export function parseObjectDefinitions(xmlText: string, fileName: string): DdfLoadResult {
  const xml = readXml(xmlText);
  if (!xml.ok) {
    return {
      definitions: [],
      errors: [
        {
          kind: 'ddf-error',
          file: fileName,
          line: xml.error.line,
          message: `malformed XML: ${xml.error.message} (column ${xml.error.column})`,
        },
      ],
    };
  }
  const root = xml.root;
  if (root.name !== 'LWM2M') {
    const message = `root element is <${root.name}>, expected <LWM2M>`;
    return { definitions: [], errors: [{ kind: 'ddf-error', file: fileName, line: root.line, element: root.name, message }] };
  }
  const objects = root.children.filter((c) => c.name === 'Object');
  if (objects.length === 0) {
    const message = 'no <Object> element in <LWM2M>';
    return { definitions: [], errors: [{ kind: 'ddf-error', file: fileName, line: root.line, element: 'LWM2M', message }] };
  }

  const definitions: ObjectDef[] = [];
  const errors: DdfError[] = [];
  objects.forEach((object, index) => {
    const { def, errors: objectErrors } = readObject(fileName, object, index);
    errors.push(...objectErrors);
    if (!def) return;
    if (definitions.some((d) => d.id === def.id)) {
      errors.push({
        kind: 'ddf-error',
        file: fileName,
        line: object.line,
        element: `Object ${def.id}`,
        message: `object ${def.id} is defined twice in this file`,
      });
      return;
    }
    definitions.push(def);
  });
  return { definitions, errors };
}

/** Reads and parses one DDF file. */
export function loadObjectDefinitionFile(path: string): DdfLoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { definitions: [], errors: [{ kind: 'ddf-error', file: path, line: 0, message: `cannot read file: ${ioReason(e)}` }] };
  }
  return parseObjectDefinitions(text, path);
}

/** Loads every *.xml file directly in `dir` (not sub-directories), in file-name order. */
export function loadObjectDefinitions(dir: string): DdfLoadResult {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.xml'))
      .map((entry) => entry.name)
      .sort();
  } catch (e) {
    return { definitions: [], errors: [{ kind: 'ddf-error', file: dir, line: 0, message: `cannot read directory: ${ioReason(e)}` }] };
  }
  const definitions: ObjectDef[] = [];
  const errors: DdfError[] = [];
  for (const name of names) {
    const result = loadObjectDefinitionFile(join(dir, name));
    definitions.push(...result.definitions);
    errors.push(...result.errors);
  }
  return { definitions, errors };
}

function ioReason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
