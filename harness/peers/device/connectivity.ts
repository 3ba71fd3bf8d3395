// Connectivity management on the simulated device (objects 10, 11, 13): Activated Profile Names
// /10/0/11 lists the APN profiles /11/x whose Enable status is true, as a device that brings up
// a connection for each enabled profile would. The device has one bearer (its UDP socket), so a
// Bearer Selection preference /13/0/0 is held but switches nothing. Faults bend single rules.
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';
import type { LwM2mValue } from '../../lwm2m/value.ts';

/** What the cellular network gives a device with the `cellular-timers-off-configuration` fault: PSM and Active Timer, s. */
const networkTimers = { 4: 7200, 5: 60 } as const;

export function attachConnectivity(store: ObjectStore, has: (fault: ClientFault) => boolean): void {
  // Enable status per profile as last accepted: a fault puts a written one back.
  const enabled = new Map<number, LwM2mValue | undefined>();
  const remember = () => {
    for (const i of store.instanceIds(11)) if (!enabled.has(i)) enabled.set(i, store.value(11, i, 3));
  };
  const activate = () => {
    const names = has('cellular-profile-names-empty') ? [] : store.instanceIds(11).filter((i) => store.value(11, i, 3) === true);
    const current = store.resource(10, 0, 11);
    const held = current && 'instances' in current ? [...current.instances.values()].map((v) => (v as { instanceId: number }).instanceId) : undefined;
    if (held && held.join() === names.join()) return;
    store.setInstances(10, 0, 11, new Map(names.map((i, ri) => [ri, { objectId: 11, instanceId: i }])));
  };
  const keep = (r: number, value: LwM2mValue) => {
    if (store.instance(10, 0) && store.value(10, 0, r) !== value) store.set(10, 0, r, value);
  };
  if (has('cellular-timers-off-configuration')) for (const [r, v] of Object.entries(networkTimers)) keep(Number(r), v);
  remember();
  activate();
  store.onChange((paths) => {
    for (const path of paths) {
      const [o, i, r] = path.split('/').slice(1).map(Number);
      if (o === 10 && (r === 4 || r === 5) && has('cellular-timers-off-configuration')) keep(r, networkTimers[r]);
      if (o === 10 && r === 14 && has('cellular-psm-write-ignored')) keep(14, 1);
      if (o === 11 && r === 3 && has('apn-enable-ignored') && store.instance(11, i!) && store.value(11, i!, 3) !== enabled.get(i!)) store.set(11, i!, 3, enabled.get(i!) ?? false);
      if (o === 11) {
        if (!has('apn-enable-ignored')) enabled.clear();
        remember();
        activate();
      }
      if (o === 13 && i === 0 && has('bearer-preference-ignored')) autoConnect(store);
    }
  });
}

/** Preferred Communications Bearer back to 0 (auto connect), unless it is that already. */
function autoConnect(store: ObjectStore): void {
  const current = store.resource(13, 0, 0);
  const values = current && 'instances' in current ? [...current.instances.values()] : [];
  if (store.instance(13, 0) && !(values.length === 1 && values[0] === 0)) store.setInstances(13, 0, 0, new Map([[0, 0]]));
}
