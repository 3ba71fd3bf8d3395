// Faults that show in the values the simulated device holds from every start: a mandatory
// resource left out, values mixed up. The project's tests prove the object cases catch them.
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';

export function applyValueFaults(store: ObjectStore, has: (fault: ClientFault) => boolean): void {
  if (has('connectivity-without-ip') && store.instance(4, 0)) store.removeResource(4, 0, 4);
  if (has('location-lat-lon-swapped') && store.instance(6, 0)) {
    const latitude = store.value(6, 0, 0);
    const longitude = store.value(6, 0, 1);
    if (latitude !== undefined && longitude !== undefined) {
      store.set(6, 0, 0, longitude);
      store.set(6, 0, 1, latitude);
    }
  }
}
