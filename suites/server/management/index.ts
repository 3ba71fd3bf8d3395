// Device Management cases that test an LwM2M server (driven through the profile's drivers).
import srv101 from './lwm2mc-srv-101-read.ts';
import srv102 from './lwm2mc-srv-102-write.ts';
import srv103 from './lwm2mc-srv-103-execute.ts';
import srv104 from './lwm2mc-srv-104-discover.ts';
import srv105 from './lwm2mc-srv-105-create.ts';
import srv106 from './lwm2mc-srv-106-delete.ts';

export const serverManagementCases = [srv101, srv102, srv103, srv104, srv105, srv106];
