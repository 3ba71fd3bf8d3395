// The core-object cases that test an LwM2M client, in ETS order.
import int680 from './int-680-create-device.ts';
import int685 from './int-685-delete-device.ts';

export const objectCases = [int680, int685];
