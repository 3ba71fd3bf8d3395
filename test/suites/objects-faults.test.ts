// The Connectivity Monitoring, Location and Connectivity Statistics cases (objects 4, 6, 7) and
// the multi-server cases (ETS C.14) pass against the faithful reference device and fail, on the
// named check, against the device with the fault each case exists to catch.
import { monitoringCases } from '../../suites/client/objects/index.ts';
import { faultTableSuites, type FaultRow } from '../support/fault-table.ts';

/** case id (without the ETS prefix) → the fault that breaks it → the check that must fail. */
const faultTable: FaultRow[] = [
  { id: 'int-701', fault: 'connectivity-without-ip', check: 'B' },
  { id: 'int-710', fault: 'notify-ignores-pmax', check: 'C' },
  { id: 'int-801', fault: 'location-lat-lon-swapped', check: 'C' },
  { id: 'int-810', fault: 'notify-ignores-pmax', check: 'C' },
  { id: 'int-901', fault: 'stats-not-collected', check: 'D' },
  { id: 'int-901', fault: 'stats-stop-ignored', check: 'E' },
  { id: 'int-901', fault: 'stats-start-keeps-counters', check: 'H' },
  { id: 'int-905', fault: 'write-ignored', check: 'C' },
  { id: 'int-910', fault: 'stats-not-collected', check: 'F' },
  { id: 'int-950', fault: 'registers-first-server-only', check: 'D' },
  { id: 'int-951', fault: 'discover-shares-attributes', check: 'G' },
];

faultTableSuites('object 4, 6, 7 and multi-server cases', monitoringCases, faultTable);
