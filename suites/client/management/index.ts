// The Device Management & Service Enablement cases that test an LwM2M client, in ETS order,
// then our own, in id order.
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
import int229 from './int-229-read-composite.ts';
import int230 from './int-230-write-composite.ts';
import int231 from './int-231-read-senml-json.ts';
import int232 from './int-232-read-senml-cbor.ts';
import int233 from './int-233-write-senml-cbor.ts';
import int234 from './int-234-write-senml-json.ts';
import int235 from './int-235-read-composite-root.ts';
import int236 from './int-236-read-composite-partial.ts';
import int237 from './int-237-read-without-accept.ts';
import int241 from './int-241-reboot.ts';
import int256 from './int-256-write-failure.ts';
import int257 from './int-257-write-composite-device.ts';
import int260 from './int-260-discover.ts';
import int261 from './int-261-write-attributes-multiple.ts';
import int264 from './int-264-discover-depth-1.ts';
import int266 from './int-266-discover-depth-3.ts';
import int280 from './int-280-read-composite.ts';
import int281 from './int-281-partial-read-composite.ts';
import dm001 from './lwm2mc-dm-001-read-unsupported-accept.ts';
import dm002 from './lwm2mc-dm-002-write-unsupported-format.ts';
import dm003 from './lwm2mc-dm-003-create-existing-instance.ts';
import dm004 from './lwm2mc-dm-004-write-undefined-resource.ts';
import dm005 from './lwm2mc-dm-005-execute-not-executable.ts';
import dm006 from './lwm2mc-dm-006-attributes-lt-not-below-gt.ts';
import dm007 from './lwm2mc-dm-007-attributes-step-overlaps-gt.ts';
import dm008 from './lwm2mc-dm-008-attributes-gt-on-string.ts';
import dm009 from './lwm2mc-dm-009-attributes-unknown.ts';
import dm010 from './lwm2mc-dm-010-replace-multiple-resource.ts';
import dm011 from './lwm2mc-dm-011-partial-update-keeps.ts';
import dm012 from './lwm2mc-dm-012-execute-stray-accept.ts';

export const managementCases = [
  int201, int203, int204, int205, int211, int212, int215, int220, int221, int222, int223, int224, int225, int226, int227, int228,
  int229, int230, int231, int232, int233, int234, int235, int236, int237, int241, int256, int257, int260, int261, int264, int266, int280, int281,
  dm001, dm002, dm003, dm004, dm005, dm006, dm007, dm008, dm009, dm010, dm011, dm012,
];
