// Every case of the suite, in the order runs execute them.
import type { CaseDefinition } from '../harness/run/case.ts';
import { registrationCases } from './client/registration/index.ts';

export const allCases: readonly CaseDefinition[] = [...registrationCases];
