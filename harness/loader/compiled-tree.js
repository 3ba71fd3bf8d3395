// The harness's TypeScript (harness/, suites/) compiled to a tree of JavaScript in the
// package's node_modules/.cache, brought up to date as a command starts: only the modules whose
// source changed since are compiled again. A process that loads the tree needs no module hooks.
// Node runs hooks on a thread of their own, an isolate of about 15 MB with a round trip per
// module: a server holding 10^5 registrations, or a run due to start its first case within a
// second, cannot spare them. Each compiled module keeps its source's import.meta.url, so the
// paths it finds from there (fixtures, the command, workers) are the package's own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileOptions, outputVersion } from './compile-options.js';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const sourceDirs = ['harness', 'suites'];

/** Relative imports of TypeScript modules as esbuild writes them: `from"./a.ts"`, `import("../b.ts")`, `import"./c.ts"`. */
const typeScriptImport = /(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}\/[^"'\n]*?)\.ts\2/g;

/**
 * The URL of the compiled tree's root (its modules at the sources' relative paths, `.ts`
 * become `.js`), or undefined when it cannot be made here (a package directory that cannot be
 * written, a source that does not compile): the caller then loads the sources through the
 * module hooks, which report a compile error where it lies.
 */
export async function compiledTree() {
  try {
    inUse = await compileTree(packageRoot);
  } catch {
    inUse = undefined;
  }
  return inUse;
}

let inUse;

/** The tree this process runs from, if it does: the processes it starts for the harness (fleet workers) load it too. */
export function treeInUse() {
  return inUse;
}

/** Brings the tree of the package at `root` up to date; its URL. Throws what stops it. */
export async function compileTree(root) {
  // The key covers the compiler, its options and the sources' place: checkouts that share one
  // node_modules (a link to another's) keep a tree each.
  const key = createHash('sha1').update(outputVersion).update(root).digest('hex').slice(0, 12);
  const tree = join(root, 'node_modules', '.cache', 'lwm2m-conformance', `tree-${key}`);
  const manifestFile = join(tree, 'manifest.json');
  const before = readManifest(manifestFile);
  const now = {};
  const changed = [];
  for (const dir of sourceDirs) {
    if (!existsSync(join(root, dir))) continue;
    for (const path of typeScriptFiles(join(root, dir))) {
      const name = relative(root, path);
      const { mtimeMs, size } = statSync(path);
      now[name] = `${mtimeMs}:${size}`;
      if (before[name] !== now[name]) changed.push(name);
    }
  }
  const removed = Object.keys(before).filter((name) => now[name] === undefined);
  if (changed.length === 0 && removed.length === 0) return pathToFileURL(`${tree}/`).href;

  mkdirSync(tree, { recursive: true });
  // The tree's .js files are ES modules, wherever the package lies.
  writeAtomically(join(tree, 'package.json'), '{ "type": "module" }\n');
  const esbuild = await import('esbuild');
  await Promise.all(changed.map((name) => compileInto(esbuild, root, tree, name)));
  for (const name of removed) rmSync(join(tree, outputName(name)), { force: true });
  writeAtomically(manifestFile, JSON.stringify(now));
  return pathToFileURL(`${tree}/`).href;
}

function readManifest(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

function* typeScriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const outputName = (name) => name.replace(/\.ts$/, '.js');

async function compileInto(esbuild, root, tree, name) {
  const path = join(root, name);
  const { code } = await esbuild.transform(readFileSync(path, 'utf8'), {
    ...compileOptions,
    sourcefile: path,
    define: {
      'import.meta.url': JSON.stringify(pathToFileURL(path).href),
      'import.meta.dirname': JSON.stringify(dirname(path)),
      'import.meta.filename': JSON.stringify(path),
    },
  });
  const output = join(tree, outputName(name));
  mkdirSync(dirname(output), { recursive: true });
  writeAtomically(output, code.replace(typeScriptImport, '$1$2$3.js$2'));
}

/** Written under a temporary name, then renamed: a process loading at the same time never reads half a file. */
function writeAtomically(file, text) {
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}
