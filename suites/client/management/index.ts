// The Device Management & Service Enablement cases that test an LwM2M client, in ETS order,
// then our own negative cases.
import int201 from './int-201-read-plain-text.ts';
import int203 from './int-203-read-tlv.ts';
import int204 from './int-204-read-json.ts';
import int205 from './int-205-write-plain-text.ts';
import int211 from './int-211-read-cbor.ts';
import int212 from './int-212-write-cbor.ts';
import int215 from './int-215-write-tlv.ts';
import int220 from './int-220-write-json.ts';
import int221 from './int-221-security-object.ts';
import int222 from './int-222-read-object.ts';
import int223 from './int-223-read-instance.ts';
import int224 from './int-224-read-resource.ts';
import int225 from './int-225-read-resource-instance.ts';
import int226 from './int-226-partial-update-instance.ts';
import int227 from './int-227-write-resource.ts';
import int228 from './int-228-write-resource-instance.ts';
import int241 from './int-241-reboot.ts';
import int256 from './int-256-write-failure.ts';
import int260 from './int-260-discover.ts';
import int261 from './int-261-write-attributes-multiple.ts';
import int280 from './int-280-read-composite.ts';
import int281 from './int-281-partial-read-composite.ts';
import { dmNegatives } from './negatives.ts';

export const managementCases = [
  int201, int203, int204, int205, int211, int212, int215, int220, int221, int222, int223, int224, int225, int226, int227, int228,
  int241, int256, int260, int261, int280, int281, ...dmNegatives,
];
