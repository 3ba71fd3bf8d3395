// Rewrites README's command-line reference (between its markers) from the commands' help
// descriptions, the source `--help` prints too. Usage: node --import tsx scripts/generate-command-reference.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandHelps } from '../harness/commands/help/index.ts';
import { commandReference, withCommandReference } from '../harness/commands/help/readme-section.ts';

export const readmeFile = fileURLToPath(new URL('../README.md', import.meta.url));

/** README as it should read: its own text with the reference the help descriptions give. */
export function renderReadme(readme: string): string {
  return withCommandReference(readme, commandReference(commandHelps));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(readmeFile, renderReadme(readFileSync(readmeFile, 'utf8')));
  console.log(`wrote the command reference in ${readmeFile}`);
}
