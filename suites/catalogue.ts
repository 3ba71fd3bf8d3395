// The light index of the cases: what selecting them needs (id, role, interface, title, tags,
// requires) and the module each lives in, read from catalogue.json without loading a case.
// scripts/generate-case-catalogue.ts writes it from allCases; test/suites/catalogue.test.ts
// fails when it is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseDefinition } from '../harness/run/case.ts';

export interface CatalogueEntry extends Pick<CaseDefinition, 'id' | 'tests' | 'interface' | 'title' | 'tags' | 'requires'> {
  /** The file that exports the case, relative to suites/. */
  readonly module: string;
  /** The export's name when not the default one. */
  readonly export?: string;
}

export const suitesDir = fileURLToPath(new URL('.', import.meta.url));
export const catalogueFile = join(suitesDir, 'catalogue.json');

/** Every case, in the order runs execute them (allCases' order). */
export function readCatalogue(): CatalogueEntry[] {
  return JSON.parse(readFileSync(catalogueFile, 'utf8')) as CatalogueEntry[];
}

/** The absolute path of an entry's module, for the worker to import. */
export const modulePath = (entry: CatalogueEntry): string => join(suitesDir, entry.module);
