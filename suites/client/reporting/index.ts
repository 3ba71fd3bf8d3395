// The Information Reporting cases that test an LwM2M client, in ETS order, then our own.
import int301 from './int-301-observation.ts';
import int302 from './int-302-cancel-reset.ts';
import int303 from './int-303-cancel-observe.ts';
import int304 from './int-304-observe-composite.ts';
import int305 from './int-305-cancel-observe-composite.ts';
import int306 from './int-306-send.ts';
import int307 from './int-307-mute-send.ts';
import int308 from './int-308-observe-composite-create.ts';
import int309 from './int-309-observe-composite-delete.ts';
import int310 from './int-310-observe-composite-attributes.ts';
import int311 from './int-311-send-values.ts';
import int312 from './int-312-observe-query-attributes.ts';
import int313 from './int-313-observe-query-overrides.ts';
import ir001 from './lwm2mc-ir-001-change-after-pmin.ts';
import ir002 from './lwm2mc-ir-002-step-thresholds.ts';

export const reportingCases = [int301, int302, int303, int304, int305, int306, int307, int308, int309, int310, int311, int312, int313, ir001, ir002];
