// The Information Reporting cases that test an LwM2M client, in ETS order, then our own.
import int301 from './int-301-observation.ts';
import int302 from './int-302-cancel-reset.ts';
import int303 from './int-303-cancel-observe.ts';
import int304 from './int-304-observe-composite.ts';
import int305 from './int-305-cancel-observe-composite.ts';
import int306 from './int-306-send.ts';
import ir001 from './lwm2mc-ir-001-change-after-pmin.ts';

export const reportingCases = [int301, int302, int303, int304, int305, int306, ir001];
