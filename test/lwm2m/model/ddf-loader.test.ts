// The DDF loader: a vendor object file, both schema versions, and errors located by file and line.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatDdfError,
  loadObjectDefinitionFile,
  loadObjectDefinitions,
  parseObjectDefinitions,
} from '../../../harness/lwm2m/model/ddf-loader.ts';
import type { DdfLoadResult } from '../../../harness/lwm2m/model/ddf-loader.ts';
import { projectRoot } from '../../support/shared.ts';

const vendorDir = join(projectRoot, 'fixtures', 'objects');

interface ItemFields {
  name?: string | null;
  operations?: string | null;
  multiple?: string | null;
  mandatory?: string | null;
  type?: string | null;
}

/** A one-resource DDF document; a field set to null leaves its element out. Item 5 starts on line 12. */
function ddf(item: ItemFields = {}, objectId = '42000'): string {
  const field = (tag: string, value: string | null | undefined, fallback: string): string =>
    value === null ? '' : `<${tag}>${value ?? fallback}</${tag}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.openmobilealliance.org/tech/profiles/LWM2M.xsd">',
    '  <Object ObjectType="MODefinition">',
    '    <Name>Small</Name>',
    '    <Description1>d</Description1>',
    `    <ObjectID>${objectId}</ObjectID>`,
    `    <ObjectURN>urn:oma:lwm2m:x:${objectId}</ObjectURN>`,
    '    <MultipleInstances>Single</MultipleInstances>',
    '    <Mandatory>Optional</Mandatory>',
    '    <Resources>',
    '',
    '      <Item ID="5">',
    `        ${field('Name', item.name, 'Value')}`,
    `        ${field('Operations', item.operations, 'R')}`,
    `        ${field('MultipleInstances', item.multiple, 'Single')}`,
    `        ${field('Mandatory', item.mandatory, 'Mandatory')}`,
    `        ${field('Type', item.type, 'Integer')}`,
    '        <RangeEnumeration>0..255</RangeEnumeration>',
    '        <Units></Units>',
    '        <Description>v</Description>',
    '      </Item>',
    '    </Resources>',
    '    <Description2></Description2>',
    '  </Object>',
    '</LWM2M>',
  ].join('\r\n');
}

function onlyError(result: DdfLoadResult) {
  expect(result.definitions).toEqual([]);
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

describe('parseObjectDefinitions', () => {
  it('reads a schema 1.0 document: version 1.0 from the URN, LwM2M 1.0 by default', () => {
    const { definitions, errors } = parseObjectDefinitions(ddf(), 'small.xml');
    expect(errors).toEqual([]);
    expect(definitions).toHaveLength(1);
    const def = definitions[0]!;
    expect({ ...def, resources: [...def.resources.values()] }).toEqual({
      id: 42000,
      name: 'Small',
      version: '1.0',
      lwm2mVersion: '1.0',
      urn: 'urn:oma:lwm2m:x:42000',
      multiple: false,
      mandatory: false,
      resources: [
        { id: 5, name: 'Value', type: 'integer', operations: 'R', multiple: false, mandatory: true, rangeEnumeration: '0..255' },
      ],
    });
  });

  it.each([
    ['String', 'string'],
    ['Unsigned Integer', 'unsigned'],
    ['  unsigned   integer ', 'unsigned'],
    ['Corelnk', 'corelnk'],
    ['', 'none'],
    ['none', 'none'],
  ])('maps <Type>%j to %j', (type, expected) => {
    const { definitions, errors } = parseObjectDefinitions(ddf({ type }), 't.xml');
    expect(errors).toEqual([]);
    expect(definitions[0]!.resources.get(5)!.type).toBe(expected);
  });

  it('reports malformed XML with the file and line', () => {
    const text = ddf().replace('<Units></Units>', '<Units></Unit>');
    const error = onlyError(parseObjectDefinitions(text, 'vendor/broken.xml'));
    expect(error).toMatchObject({ kind: 'ddf-error', file: 'vendor/broken.xml', line: 19 });
    expect(error.message).toMatch(/malformed XML: end tag <\/Unit> does not match <Units>/);
    expect(formatDdfError(error)).toMatch(/^vendor\/broken\.xml:19: malformed XML/);
  });

  it('reports a missing element at the line of the element that should hold it', () => {
    const error = onlyError(parseObjectDefinitions(ddf({ type: null }), 'm.xml'));
    expect(error).toMatchObject({ file: 'm.xml', line: 12, element: 'Object 42000 > Item 5 > Type' });
    expect(error.message).toBe('missing element <Type> in <Item>');
    expect(formatDdfError(error)).toBe('m.xml:12: missing element <Type> in <Item> (at Object 42000 > Item 5 > Type)');
  });

  it('reports a bad type at its own line', () => {
    const error = onlyError(parseObjectDefinitions(ddf({ type: 'Double' }), 'b.xml'));
    expect(error).toMatchObject({ file: 'b.xml', line: 17, element: 'Object 42000 > Item 5 > Type' });
    expect(error.message).toMatch(/^bad <Type> "Double": expected String, Integer/);
  });

  it.each([
    [{ operations: 'RX' }, 14, 'Operations', /bad <Operations> "RX"/],
    [{ multiple: 'Many' }, 15, 'MultipleInstances', /bad <MultipleInstances> "Many": expected Multiple or Single/],
    [{ mandatory: 'Yes' }, 16, 'Mandatory', /bad <Mandatory> "Yes": expected Mandatory or Optional/],
    [{ name: null }, 12, 'Name', /missing element <Name> in <Item>/],
  ] as const)('reports %j on line %i', (item, line, field, message) => {
    const error = onlyError(parseObjectDefinitions(ddf(item), 'f.xml'));
    expect(error).toMatchObject({ line, element: `Object 42000 > Item 5 > ${field}` });
    expect(error.message).toMatch(message);
  });

  it('reports a bad object id and a bad item id', () => {
    expect(onlyError(parseObjectDefinitions(ddf({}, '70000'), 'i.xml'))).toMatchObject({
      line: 6,
      message: 'bad id "70000" in <Object>: expected an integer 0..65535',
    });
    const badItem = ddf().replace('<Item ID="5">', '<Item ID="five">');
    expect(onlyError(parseObjectDefinitions(badItem, 'i.xml'))).toMatchObject({ line: 12, message: 'bad id "five" in <Item>: expected an integer 0..65535' });
  });

  it('reports every problem of an object, not just the first', () => {
    const { errors } = parseObjectDefinitions(ddf({ type: 'Double', operations: 'X', mandatory: null }), 'many.xml');
    expect(errors.map((e) => e.line)).toEqual([14, 12, 17]);
  });

  it('reports duplicate resource ids', () => {
    const item = /\s*<Item ID="5">[\s\S]*?<\/Item>/.exec(ddf())![0];
    const text = ddf().replace(item, item + item); // the copy: a blank line, then <Item> on line 23
    expect(onlyError(parseObjectDefinitions(text, 'd.xml'))).toMatchObject({ line: 23, message: 'duplicate resource id 5' });
  });

  it('reports a document that is not a DDF', () => {
    expect(onlyError(parseObjectDefinitions('<?xml version="1.0"?>\n<Objects/>', 'x.xml'))).toMatchObject({
      line: 2,
      message: 'root element is <Objects>, expected <LWM2M>',
    });
    expect(onlyError(parseObjectDefinitions('<LWM2M>\n</LWM2M>', 'x.xml'))).toMatchObject({ line: 1, message: 'no <Object> element in <LWM2M>' });
  });
});

describe('loading files', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'ddf-loader-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('loads the vendor object fixture', () => {
    const { definitions, errors } = loadObjectDefinitionFile(join(vendorDir, '26241.xml'));
    expect(errors).toEqual([]);
    const def = definitions[0]!;
    expect(def).toMatchObject({ id: 26241, name: 'Test Vendor Object', version: '1.1', lwm2mVersion: '1.1', multiple: true, mandatory: false });
    const summary = [...def.resources.values()].map((r) => `${r.id}:${r.type}:${r.operations}:${r.multiple ? 'M' : 'S'}`);
    expect(summary).toEqual([
      '0:string:RW:S',
      '1:integer:R:S',
      '2:unsigned:R:S',
      '3:float:RW:S',
      '4:boolean:RW:S',
      '5:opaque:W:S',
      '6:time:R:S',
      '7:objlnk:RW:M',
      '8:corelnk:R:S',
      '10:none:E:S',
    ]);
    expect(def.resources.get(0)).toMatchObject({ mandatory: true, rangeEnumeration: '0..32 bytes' });
    expect(def.resources.get(3)).toMatchObject({ rangeEnumeration: '-40.0..125.0', units: 'Cel' });
  });

  it('loads every *.xml of a directory, and only those', () => {
    const { definitions, errors } = loadObjectDefinitions(vendorDir);
    expect(errors).toEqual([]);
    expect(definitions.map((d) => d.id)).toContain(26241);
  });

  it('names the file of a broken definition among good ones', () => {
    const dir = join(scratch, 'mixed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-good.xml'), ddf({}, '42001'));
    writeFileSync(join(dir, 'b-bad.xml'), ddf({ type: 'Text' }, '42002'));
    writeFileSync(join(dir, 'notes.txt'), 'not a definition');
    const { definitions, errors } = loadObjectDefinitions(dir);
    expect(definitions.map((d) => d.id)).toEqual([42001]);
    expect(errors.map(formatDdfError)).toEqual([
      `${join(dir, 'b-bad.xml')}:17: bad <Type> "Text": expected String, Integer, Unsigned Integer, Float, Boolean, Opaque, Time, Objlnk, Corelnk or empty (at Object 42002 > Item 5 > Type)`,
    ]);
  });

  it('turns unreadable files and directories into errors', () => {
    const missingFile = join(scratch, 'missing.xml');
    expect(onlyError(loadObjectDefinitionFile(missingFile))).toMatchObject({ file: missingFile, line: 0 });
    expect(formatDdfError(onlyError(loadObjectDefinitionFile(missingFile)))).toMatch(/missing\.xml: cannot read file: ENOENT/);
    const missingDir = join(scratch, 'nowhere');
    expect(onlyError(loadObjectDefinitions(missingDir)).message).toMatch(/^cannot read directory: ENOENT/);
  });
});

describe('damaged definitions', () => {
  const fixture = readFileSync(join(vendorDir, '26241.xml'), 'utf8');
  const lines = fixture.split('\n').length;

  it('never throw: every damage is a located error or still a definition', () => {
    const damage = fc.record({ at: fc.nat(fixture.length), cut: fc.nat(40), insert: fc.string({ maxLength: 8 }) });
    fc.assert(
      fc.property(damage, ({ at, cut, insert }) => {
        const text = fixture.slice(0, at) + insert + fixture.slice(at + cut);
        const result = parseObjectDefinitions(text, 'damaged.xml');
        for (const error of result.errors) {
          expect(error.file).toBe('damaged.xml');
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(lines + 8);
        }
        expect(result.definitions.length + result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
