// BinaryAppDataContainer /19 on the simulated device: data the server writes to /19/x/0 is kept
// as written. The `app-data-truncated` fault keeps only the first bytes, as a device with a
// fixed-size buffer that does not refuse what does not fit.
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';

const truncatedBytes = 16;

export function attachAppData(store: ObjectStore, has: (fault: ClientFault) => boolean): void {
  if (!has('app-data-truncated')) return;
  store.onChange((paths) => {
    for (const path of paths) {
      const [o, i] = path.split('/').slice(1).map(Number);
      const data = o === 19 && i !== undefined ? store.resource(19, i, 0) : undefined;
      if (!data || !('instances' in data)) continue;
      for (const [ri, v] of data.instances) if (v instanceof Uint8Array && v.length > truncatedBytes) store.set(19, i!, 0, v.slice(0, truncatedBytes), ri);
    }
  });
}
