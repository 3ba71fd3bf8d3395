// The simulated device's object instances and resource values for the Registration interface:
// Server (/1/0) and Device (/3/0), with values from the ETS configurations C.1/C.3 (SRV-EXT,
// DEV-MIN). Values are kept as text, the form text/plain reads and writes carry.

export type Access = 'R' | 'W' | 'RW' | 'E';

export interface ResourceSlot {
  access: Access;
  value?: string;
}

export type InstanceSlots = Map<number, ResourceSlot>;

/** /o → /o/i → resources. */
export type ObjectTree = Map<number, Map<number, InstanceSlots>>;

export interface DeviceIdentity {
  shortServerId: number;
  lifetimeS: number;
  binding: string;
}

export function buildObjects(identity: DeviceIdentity): ObjectTree {
  const server: InstanceSlots = new Map<number, ResourceSlot>([
    [0, { access: 'R', value: String(identity.shortServerId) }],
    [1, { access: 'RW', value: String(identity.lifetimeS) }],
    [2, { access: 'RW', value: '1' }],
    [3, { access: 'RW', value: '10' }],
    [4, { access: 'E' }],
    [5, { access: 'RW', value: '86400' }],
    [6, { access: 'RW', value: 'false' }],
    [7, { access: 'RW', value: identity.binding }],
    [8, { access: 'E' }],
  ]);
  const device: InstanceSlots = new Map<number, ResourceSlot>([
    [0, { access: 'R', value: 'lwm2m-conformance' }],
    [1, { access: 'R', value: 'reference-device' }],
    [2, { access: 'R', value: 'REF-0001' }],
    [3, { access: 'R', value: '1.0.0' }],
    [4, { access: 'E' }],
    [11, { access: 'R', value: '0' }],
    [16, { access: 'R', value: identity.binding }],
  ]);
  return new Map([
    [1, new Map([[0, server]])],
    [3, new Map([[0, device]])],
  ]);
}
