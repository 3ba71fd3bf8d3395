// Every case that tests an LwM2M server.
import { serverManagementCases } from './management/index.ts';
import { serverRegistrationCases } from './registration/index.ts';
import { serverReportingCases } from './reporting/index.ts';
import { serverSecurityCases } from './security/index.ts';

export const serverCases = [...serverRegistrationCases, ...serverManagementCases, ...serverReportingCases, ...serverSecurityCases];
