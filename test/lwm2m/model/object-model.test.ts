// The model API: built-in core objects, models over loaded definitions, and layering.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  combineModels,
  coreModel,
  coreObjectAtVersion,
  coreObjectDefinitions,
  loadObjectDefinitions,
  modelFrom,
} from '../../../harness/lwm2m/model/index.ts';
import type { ObjectDef } from '../../../harness/lwm2m/model/index.ts';
import { projectRoot } from '../../support/shared.ts';

describe('coreModel', () => {
  it('holds objects 0-7, 10, 11, 13, 16, 19, 20 and 3303', () => {
    expect(coreObjectDefinitions().map((d) => d.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 13, 16, 19, 20, 3303]);
  });

  it('answers the resources the ETS configurations use', () => {
    const model = coreModel();
    expect(model.object(3)).toMatchObject({ name: 'Device', version: '1.2', multiple: false, mandatory: true });
    expect(model.resource(3, 11)).toMatchObject({ name: 'Error Code', type: 'integer', operations: 'R', multiple: true, mandatory: true });
    expect(model.resource(3, 4)).toMatchObject({ name: 'Reboot', type: 'none', operations: 'E' });
    expect(model.resource(1, 7)).toMatchObject({ name: 'Binding', type: 'string', operations: 'RW' });
    expect(model.resource(0, 3)).toMatchObject({ type: 'opaque', operations: '' });
    expect(model.resource(5, 0)).toMatchObject({ name: 'Package', type: 'opaque', operations: 'W' });
    expect(model.resource(16, 0)).toMatchObject({ type: 'string', multiple: true });
    expect(model.resource(3303, 5700)).toMatchObject({ type: 'float', operations: 'R' });
    expect(model.object(9)).toBeUndefined();
    expect(model.resource(3, 99)).toBeUndefined();
  });

  it('derives earlier versions of a built-in object', () => {
    const server10 = coreObjectAtVersion(1, '1.0')!;
    expect(server10).toMatchObject({ version: '1.0', lwm2mVersion: '1.0', urn: 'urn:oma:lwm2m:oma:1' });
    expect([...server10.resources.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(coreObjectAtVersion(1, '1.1')!.resources.has(23)).toBe(true);
    expect(coreObjectAtVersion(1, '1.1')!.resources.has(24)).toBe(false);
    expect(coreObjectAtVersion(1, '9.9')).toBeUndefined();
    expect(coreObjectAtVersion(9, '1.0')).toBeUndefined();
  });
});

describe('modelFrom and combineModels', () => {
  const vendor = loadObjectDefinitions(join(projectRoot, 'fixtures', 'objects'));

  it('builds a model over loaded vendor definitions', () => {
    expect(vendor.errors).toEqual([]);
    const model = modelFrom(vendor.definitions);
    expect(model.resource(26241, 2)).toMatchObject({ name: 'Uptime', type: 'unsigned' });
  });

  it('lets later models override whole objects', () => {
    const device = coreModel().object(3)!;
    const vendorDevice: ObjectDef = {
      ...device,
      name: 'Vendor Device',
      resources: new Map([[0, { ...device.resources.get(0)!, name: 'Maker' }]]),
    };
    const model = combineModels(coreModel(), modelFrom(vendor.definitions), modelFrom([vendorDevice]));
    expect(model.object(3)?.name).toBe('Vendor Device');
    expect(model.resource(3, 0)?.name).toBe('Maker');
    // Replaced as a whole: the core Device's other resources are not merged in.
    expect(model.resource(3, 4)).toBeUndefined();
    expect(model.resource(1, 1)?.name).toBe('Lifetime');
    expect(model.resource(26241, 10)?.operations).toBe('E');
    expect(model.object(12345)).toBeUndefined();
    expect(combineModels().object(3)).toBeUndefined();
  });

  it('keeps the later of two definitions of one id within a model', () => {
    const [first] = vendor.definitions;
    const model = modelFrom([first!, { ...first!, name: 'Second' }]);
    expect(model.object(26241)?.name).toBe('Second');
  });
});
