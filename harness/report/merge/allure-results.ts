// Joins the shards' allure-results/ folders: Allure results are one file per test, named by a
// fresh UUID, so the joined folder is all the files side by side.
import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Copies every DIR/allure-results/ into OUT/allure-results/; returns whether any was found. */
export async function joinAllureResults(dirs: readonly string[], out: string): Promise<boolean> {
  let found = false;
  for (const dir of dirs) {
    const from = join(dir, 'allure-results');
    const exists = await stat(from).then((s) => s.isDirectory(), () => false);
    if (!exists) continue;
    found = true;
    await cp(from, join(out, 'allure-results'), { recursive: true, force: false, errorOnExist: false });
  }
  return found;
}
