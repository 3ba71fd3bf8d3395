// The simulated device's objects and their starting values: objects 0, 1, 2, 3, 4, 5, 6, 7, 16
// and 3303 as the ETS configurations set them (Annex C: C.1 server account and DEV-MIN, C.3
// SRV-EXT, C.4 power resources, C.5 full Connectivity Monitoring, C.6 all optional Device
// resources, C.7 location, C.9 Connectivity Statistics, C.12 Portfolio), and the additional
// objects 10, 11, 13, 19 and 20 (additional-objects.ts).
// A device keeps its configuration (Security, Server, Access Control) across a reboot as it would
// in flash: `saveConfiguration` copies it, and `buildObjects` starts from it instead of the factory's.
import { coreModel } from '../../lwm2m/model/index.ts';
import type { LwM2mValue } from '../../lwm2m/value.ts';
import { ObjectStore } from './object-store.ts';
import { putAdditionalObjects } from './additional-objects.ts';

export interface DeviceIdentity {
  /** The factory server account; absent: the device has only what bootstrap gives it. */
  serverUri?: string | undefined;
  /** The bootstrap account (Security instance 1 as in ETS C.13, or 0 when the server account's is 1). */
  bootstrapUri?: string | undefined;
  /** Client Hold Off Time of the bootstrap account, seconds. */
  holdOffS?: number | undefined;
  shortServerId: number;
  /** Server and Security instances of the factory server account (C.1: 0 and 0). */
  serverInstance: number;
  securityInstance: number;
  lifetimeS: number;
  binding: string;
}

/** Objects the device reports in its Register object list (never /0). */
export const deviceObjectIds = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 13, 16, 19, 20, 3303] as const;

/** The objects a device keeps across a reboot: its accounts and their access rights. */
export const configurationObjectIds = [0, 1, 2] as const;

type InstanceValues = Record<number, LwM2mValue | Record<number, LwM2mValue>>;

/** A copy of the configuration objects: object id → instance id → resource values. */
export type SavedConfiguration = ReadonlyMap<number, ReadonlyMap<number, InstanceValues>>;

export function saveConfiguration(store: ObjectStore): SavedConfiguration {
  const saved = new Map<number, Map<number, InstanceValues>>();
  for (const o of configurationObjectIds) {
    const instances = new Map<number, InstanceValues>();
    for (const i of store.instanceIds(o)) {
      const values: InstanceValues = {};
      for (const [r, res] of store.instance(o, i)!) values[r] = 'single' in res ? res.single : Object.fromEntries(res.instances);
      instances.set(i, values);
    }
    saved.set(o, instances);
  }
  return saved;
}

/** The factory objects, with the configuration objects taken from `saved` when given. */
export function buildObjects(identity: DeviceIdentity, saved?: SavedConfiguration): ObjectStore {
  const store = buildFactoryObjects(identity);
  if (!saved) return store;
  for (const o of configurationObjectIds) {
    for (const i of store.instanceIds(o)) store.deleteInstance(o, i);
    for (const [i, values] of saved.get(o) ?? []) store.putInstance(o, i, values);
  }
  return store;
}

/** Where the factory bootstrap account sits: Security instance 1 (C.13), unless the server account has it. */
export function bootstrapSecurityInstance(identity: Pick<DeviceIdentity, 'securityInstance'>): number {
  return identity.securityInstance === 1 ? 0 : 1;
}

function buildFactoryObjects(identity: DeviceIdentity): ObjectStore {
  const store = new ObjectStore(coreModel());
  store.addObject(0);
  store.addObject(1);
  if (identity.serverUri !== undefined) {
    // Security: the account of the one LwM2M server. NoSec (mode 3): this transport is plain CoAP.
    store.putInstance(0, identity.securityInstance, {
      0: identity.serverUri, 1: false, 2: 3, 3: new Uint8Array(), 4: new Uint8Array(), 5: new Uint8Array(), 10: identity.shortServerId,
    });
    // Server: SRV-EXT (C.3) plus Mute Send.
    store.putInstance(1, identity.serverInstance, {
      0: identity.shortServerId, 1: identity.lifetimeS, 2: 1, 3: 10, 5: 86400, 6: false, 7: identity.binding, 23: false,
      4: null, 8: null, 9: null,
    });
  }
  if (identity.bootstrapUri !== undefined) {
    // The bootstrap account (ETS C.13): Bootstrap-Server true, NoSec, Client Hold Off Time.
    store.putInstance(0, bootstrapSecurityInstance(identity), {
      0: identity.bootstrapUri, 1: true, 2: 3, 3: new Uint8Array(), 4: new Uint8Array(), 5: new Uint8Array(), 11: identity.holdOffS ?? 0,
    });
  }
  // Access Control: the server owns its instance of the Device object.
  store.putInstance(2, 0, { 0: 3, 1: 0, 2: { 1: 15 }, 3: identity.shortServerId });
  // Device: DEV-MIN (C.1), power resources (C.4) and the optional resources of C.6.
  store.putInstance(3, 0, {
    0: 'lwm2m-conformance', 1: 'reference-device', 2: 'REF-0001', 3: '1.0.0', 4: null, 5: null,
    6: { 0: 1, 1: 2 }, 7: { 0: 3800, 1: 5000 }, 8: { 0: 125, 1: 900 }, 9: 95, 10: 15, 11: { 0: 0 }, 12: null,
    13: 1367491215, 14: '+01:00', 15: 'Europe/Berlin', 16: identity.binding, 17: 'sensor', 18: '1.0', 19: '1.0.0', 20: 0, 21: 64,
  });
  // Connectivity Monitoring (C.5: every resource): an Ethernet bearer (41) on loopback, with the cellular details a modem would add.
  store.putInstance(4, 0, {
    0: 41, 1: { 0: 41, 1: 6 }, 2: -70, 3: 60, 4: { 0: '127.0.0.1' }, 5: { 0: '127.0.0.1' }, 6: 5, 7: { 0: 'internet' },
    8: 20012, 9: 1, 10: 262, 11: 12, 12: 1001, 13: 0,
  });
  store.putInstance(5, 0, { 1: '', 2: null, 3: 0, 5: 0, 8: { 0: 0 }, 9: 2 });
  // Location (C.7); Velocity as 3GPP TS 23.032 horizontal velocity: bearing 0, 11 km/h (Speed 3 m/s).
  store.putInstance(6, 0, { 0: 43.5723, 1: 153.2176, 2: 140, 3: 100, 4: new Uint8Array([0x00, 0x00, 0x00, 0x0b]), 5: 1367491215, 6: 3 });
  // Connectivity Statistics (C.9): nothing collected yet, no Collection Period set.
  store.putInstance(7, 0, { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: null, 7: null, 8: 0 });
  // Portfolio (C.12).
  store.putInstance(16, 0, {
    0: { 0: 'Host Device ID #1', 1: 'Host Device Manufacturer #1', 2: 'Host Device Model #1', 3: 'Host Device Software Version #1' },
  });
  store.putInstance(3303, 0, { 5700: 21.5, 5701: 'Cel', 5601: 21.5, 5602: 21.5, 5605: null, 5750: 'room' });
  putAdditionalObjects(store);
  return store;
}
