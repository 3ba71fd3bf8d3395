// Writes suites/catalogue.json: every case's selection data (id, role, interface, title, tags,
// requires) and the module and export it lives in, in run order, so that `run` selects cases without loading them and
// its worker loads only the modules selected. Usage: node --import tsx scripts/generate-case-catalogue.ts
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CaseDefinition } from '../harness/run/case.ts';
import { allCases } from '../suites/index.ts';
import { catalogueFile, suitesDir, type CatalogueEntry } from '../suites/catalogue.ts';

function caseFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? caseFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The catalogue as allCases gives it: each definition found as the default export of its file. */
export async function buildCatalogue(): Promise<CatalogueEntry[]> {
  const exportOf = new Map<CaseDefinition, { module: string; name: string }>();
  for (const file of caseFiles(suitesDir)) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      // A case exported under two names (a default and a named one) is listed by its default.
      if (allCases.includes(value as CaseDefinition) && (name === 'default' || !exportOf.has(value as CaseDefinition))) {
        exportOf.set(value as CaseDefinition, { module: relative(suitesDir, file).split('\\').join('/'), name });
      }
    }
  }
  return allCases.map((c) => {
    const found = exportOf.get(c);
    if (!found) throw new Error(`${c.id}: not exported by a file under suites/`);
    return {
      id: c.id,
      tests: c.tests,
      interface: c.interface,
      title: c.title,
      ...(c.tags?.length ? { tags: [...c.tags] } : {}),
      ...(c.requires?.length ? { requires: [...c.requires] } : {}),
      module: found.module,
      ...(found.name !== 'default' ? { export: found.name } : {}),
    };
  });
}

// One case a line: branches that add cases touch only their own lines.
export const renderCatalogue = (entries: readonly CatalogueEntry[]) => `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = await buildCatalogue();
  writeFileSync(catalogueFile, renderCatalogue(entries));
  console.log(`wrote ${entries.length} cases to ${catalogueFile}`);
}
