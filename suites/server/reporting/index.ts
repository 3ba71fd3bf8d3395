// Information Reporting cases that test an LwM2M server.
import int302 from './int-302-unwanted-notification.ts';
import int303 from './int-303-cancel-observation.ts';
import int306 from './int-306-send.ts';
import int311 from './int-311-send-values.ts';
import srv201 from './lwm2mc-srv-201-observe.ts';

export const serverReportingCases = [srv201, int302, int303, int306, int311];
