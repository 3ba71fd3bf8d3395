// The device's additional objects and their starting values, as the ETS configurations set them:
// Cellular Connectivity /10 and APN Connection Profile /11 (C.10, with the /10 1.1 resources of
// C.11), Bearer Selection /13 (present without an instance: int-1350 creates it),
// BinaryAppDataContainer /19 (C.15) and Event Log /20 (C.16).
import type { ObjectStore } from './object-store.ts';

/** LogStatus /20/x/4013 bits (object 20): 1st LSB stopped, 2nd LSB LogData holds valid data. */
export const logStatus = { stopped: 1, validData: 2 } as const;

/** C.15's client-to-server data in /19/0/0: a meter reading, as the ETS's example is. */
export const meterReading = new TextEncoder().encode('{"meter":"water-0001","reading":1234.5,"unit":"m3","time":1367491215}');

export function putAdditionalObjects(store: ObjectStore): void {
  // C.10: PSM Timer 3600 s, Active Timer 600 s; eDRX parameters are 3GPP TS 24.008 octets
  // (registry: opaque), where the ETS prints cycle lengths. C.11: Activated Profile Names 11:0,
  // Active Power Saving Modes 3, Release Assistance Indication Usage 1 (the ETS's resources 13, 14).
  store.putInstance(10, 0, { 4: 3600, 5: 600, 8: new Uint8Array([0x02]), 9: new Uint8Array([0x02]), 11: { 0: { objectId: 11, instanceId: 0 } }, 12: 3, 13: 3, 14: 1 });
  // The one APN profile, enabled (C.10); Authentication Type 3: none.
  store.putInstance(11, 0, { 0: 'internet', 1: 'internet.example', 3: true, 4: 3 });
  store.addObject(13);
  // C.15: instance 0 carries data from the device, instance 1 data from the server (empty).
  store.putInstance(19, 0, { 0: { 0: meterReading }, 3: 'meter reading', 4: 'application/json' });
  store.putInstance(19, 1, { 0: { 0: new Uint8Array() }, 3: 'server data' });
  // C.16: LogClass 0 (generic), collection stopped with valid data (LogStatus 3), LogData.
  store.putInstance(20, 0, {
    4010: 0, 4011: null, 4012: null, 4013: logStatus.stopped | logStatus.validData, 4014: new TextEncoder().encode('1367491215 device started\n'),
  });
}
