// The compiled tree (harness/loader/compiled-tree.js) the command runs from: a package's
// TypeScript compiled to JavaScript that loads without module hooks, whose modules still find
// paths from their sources' places, recompiled module by module as the sources change.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

const { compileTree } = (await import(new URL('../../harness/loader/compiled-tree.js', import.meta.url).href)) as { compileTree(root: string): Promise<string> };

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A package with harness/ and suites/ sources and an (empty) node_modules. */
function makePackage(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'compiled-tree-'));
  made.push(root);
  mkdirSync(join(root, 'node_modules'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Runs a module of the tree in a plain node (no hooks) and gives what it prints. */
const runInNode = (url: string) => execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify(await m.report()));`], { encoding: 'utf8' });

describe('compiled tree', () => {
  it('loads without hooks: imports of .ts modules resolve in the tree, import.meta gives the source places', async () => {
    const root = makePackage({
      'harness/a.ts': "import { b } from './b.ts';\nexport const here: string = import.meta.url;\nexport const dir: string = import.meta.dirname;\nexport const fromB: number = b;\n",
      'harness/b.ts': 'export const b: number = 1;\n',
      'suites/c.ts': "export * from '../harness/a.ts';\nexport async function report() {\n  const a = await import('../harness/a.ts');\n  return { here: a.here, dir: a.dir, fromB: a.fromB };\n}\n",
    });
    const tree = await compileTree(root);
    expect(runInNode(new URL('suites/c.js', tree).href).trim()).toBe(
      JSON.stringify({ here: pathToFileURL(join(root, 'harness/a.ts')).href, dir: join(root, 'harness'), fromB: 1 }),
    );
    expect(fileURLToPath(tree).startsWith(join(root, 'node_modules', '.cache'))).toBe(true);
  });

  it('compiles again only what changed, and drops what was removed', async () => {
    const root = makePackage({
      'harness/a.ts': "import { b } from './b.ts';\nexport async function report() { return b; }\n",
      'harness/b.ts': 'export const b: number = 1;\n',
      'harness/gone.ts': 'export const gone = true;\n',
    });
    const tree = await compileTree(root);
    const output = (name: string) => join(fileURLToPath(tree), name);
    const aWritten = statSync(output('harness/a.js')).mtimeMs;
    writeFileSync(join(root, 'harness/b.ts'), 'export const b: number = 22;\n');
    utimesSync(join(root, 'harness/b.ts'), new Date(), new Date(Date.now() + 5000));
    rmSync(join(root, 'harness/gone.ts'));
    expect(await compileTree(root)).toBe(tree);
    expect(runInNode(new URL('harness/a.js', tree).href).trim()).toBe('22');
    expect(statSync(output('harness/a.js')).mtimeMs).toBe(aWritten);
    expect(existsSync(output('harness/gone.js'))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(output('manifest.json'), 'utf8')))).toEqual(['harness/a.ts', 'harness/b.ts']);
  });

  it('gives up on a source that does not compile (the command then loads the sources through the hooks)', async () => {
    const root = makePackage({ 'harness/a.ts': 'export const = ;\n' });
    await expect(compileTree(root)).rejects.toThrow();
  });
});
