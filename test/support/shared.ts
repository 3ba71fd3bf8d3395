// Locates the team's shared reference material (../shared: ETS catalogue, vectors, registry).
// Tests that need it skip with a clear reason when it is absent (e.g. in a user's clone).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of ../shared, or undefined when this checkout has none beside it. */
export const sharedDir: string | undefined = (() => {
  const dir = resolve(projectRoot, '..', 'shared');
  return existsSync(dir) ? dir : undefined;
})();

export const sharedMissing = sharedDir === undefined;

export const sharedMissingReason =
  `../shared (vectors, registry, ETS catalogue) not found beside ${projectRoot}; tests that read it are skipped`;

/** Path inside ../shared; only call when `sharedMissing` is false. */
export function sharedPath(...parts: string[]): string {
  if (sharedDir === undefined) throw new Error(sharedMissingReason);
  return join(sharedDir, ...parts);
}

export { projectRoot };
