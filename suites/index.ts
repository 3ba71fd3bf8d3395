// Every case of the suite, in the order runs execute them.
import type { CaseDefinition } from '../harness/run/case.ts';
import { bootstrapCases } from './client/bootstrap/index.ts';
import { managementCases } from './client/management/index.ts';
import { objectCases } from './client/objects/index.ts';
import { registrationCases } from './client/registration/index.ts';
import { reportingCases } from './client/reporting/index.ts';
import { securityCases } from './client/security/index.ts';
import { serverCases } from './server/index.ts';
import { bootstrapServerCases } from './bootstrap-server/index.ts';

export const allCases: readonly CaseDefinition[] = [...bootstrapCases, ...registrationCases, ...managementCases, ...reportingCases, ...securityCases, ...objectCases, ...serverCases, ...bootstrapServerCases];
