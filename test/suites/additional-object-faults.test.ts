// Every connectivity management, application data and event log case (int-1200 … 2001) passes
// against the faithful reference device and fails, on the named check, against the device with
// the fault the case exists to catch.
import { additionalObjectCases } from '../../suites/client/objects/index.ts';
import { faultTableSuites, type FaultRow } from '../support/fault-table.ts';

/** case id (without the ETS prefix) → the fault that breaks it → the check that must fail. */
const faultTable: FaultRow[] = [
  { id: 'int-1200', fault: 'cellular-timers-off-configuration', check: 'D' },
  { id: 'int-1201', fault: 'cellular-profile-names-empty', check: 'E' },
  { id: 'int-1202', fault: 'cellular-psm-write-ignored', check: 'D' },
  { id: 'int-1203', fault: 'notify-ignores-pmax', check: 'D' },
  { id: 'int-1204', fault: 'notify-ignores-pmax', check: 'D' },
  { id: 'int-1250', fault: 'apn-enable-ignored', check: 'H' },
  { id: 'int-1350', fault: 'bearer-preference-ignored', check: 'B' },
  { id: 'int-1900', fault: 'notify-ignores-pmax', check: 'D' },
  { id: 'int-1901', fault: 'app-data-truncated', check: 'C' },
  { id: 'int-2000', fault: 'event-log-start-ignored', check: 'B' },
  { id: 'int-2001', fault: 'event-log-data-lost', check: 'F' },
];

faultTableSuites('additional object cases', additionalObjectCases, faultTable);
