// The core-object cases that test an LwM2M client, in ETS order.
import int651 from './int-651-device-access.ts';
import int652 from './int-652-firmware-version.ts';
import int680 from './int-680-create-device.ts';
import int685 from './int-685-delete-device.ts';
import int1630 from './int-1630-create-portfolio.ts';
import int1635 from './int-1635-delete-portfolio.ts';

export const objectCases = [int651, int652, int680, int685, int1630, int1635];
