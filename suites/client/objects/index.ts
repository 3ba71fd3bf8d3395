// The core-object cases that test an LwM2M client, in ETS order.
import int651 from './int-651-device-access.ts';
import int652 from './int-652-firmware-version.ts';
import int680 from './int-680-create-device.ts';
import int685 from './int-685-delete-device.ts';
import int751 from './int-751-firmware-readable.ts';
import int755 from './int-755-firmware-package.ts';
import int756 from './int-756-firmware-package-uri.ts';
import int760 from './int-760-firmware-observation.ts';
import int770 from './int-770-firmware-update-push.ts';
import int771 from './int-771-firmware-update-pull.ts';
import int772 from './int-772-firmware-install-without-package.ts';
import int773 from './int-773-firmware-storage-shortage.ts';
import int774 from './int-774-firmware-out-of-ram.ts';
import int775 from './int-775-firmware-connection-lost.ts';
import int776 from './int-776-firmware-integrity.ts';
import int777 from './int-777-firmware-unsupported-type.ts';
import int778 from './int-778-firmware-invalid-uri.ts';
import int779 from './int-779-firmware-update-failed.ts';
import int701 from './int-701-connectivity-monitoring-readable.ts';
import int710 from './int-710-connectivity-monitoring-observation.ts';
import int801 from './int-801-location-readable.ts';
import int810 from './int-810-location-observation.ts';
import int901 from './int-901-connectivity-statistics-collection.ts';
import int905 from './int-905-connectivity-statistics-writable.ts';
import int910 from './int-910-connectivity-statistics-observation.ts';
import int950 from './int-950-multi-server-registration.ts';
import int951 from './int-951-multi-server-attributes.ts';
import int1630 from './int-1630-create-portfolio.ts';
import int1635 from './int-1635-delete-portfolio.ts';
import int1200 from './int-1200-cellular-readable.ts';
import int1201 from './int-1201-cellular-v11-readable.ts';
import int1202 from './int-1202-cellular-psm-write.ts';
import int1203 from './int-1203-cellular-psm-observation.ts';
import int1204 from './int-1204-cellular-timer-observation.ts';
import int1250 from './int-1250-apn-configuration.ts';
import int1350 from './int-1350-bearer-selection.ts';
import int1900 from './int-1900-app-data-observation.ts';
import int1901 from './int-1901-app-data-write.ts';
import int2000 from './int-2000-event-log-start.ts';
import int2001 from './int-2001-event-log-read.ts';

/** The Firmware Update cases (object 5), also run on their own by the project's tests. */
export const firmwareCases = [int751, int755, int756, int760, int770, int771, int772, int773, int774, int775, int776, int777, int778, int779];

/** Connectivity Monitoring, Location, Connectivity Statistics (objects 4, 6, 7) and several servers (C.14); proven in objects-faults.test.ts. */
export const monitoringCases = [int701, int710, int801, int810, int901, int905, int910, int950, int951];

/** The connectivity management, application data and event log cases (objects 10, 11, 13, 19, 20). */
export const additionalObjectCases = [int1200, int1201, int1202, int1203, int1204, int1250, int1350, int1900, int1901, int2000, int2001];

export const objectCases = [int651, int652, int680, int685, ...firmwareCases, ...monitoringCases, int1630, int1635, ...additionalObjectCases];
