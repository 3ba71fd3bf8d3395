// Module hooks that compile the harness's TypeScript with esbuild, keeping each module's output
// on disk by its content so that a run compiles only what changed since the last one. Every
// other module (the installed packages' JavaScript) loads as Node loads it. This replaces tsx
// at run time: tsx's start-up cost about 0.15 s in each of a run's three processes (command,
// case worker, device), and it read and rewrote every package module it loaded.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileOptions as options, outputVersion } from './compile-options.js';

// One per user: another user's entries can be neither trusted nor replaced.
const cacheDir = join(tmpdir(), `lwm2m-conformance-ts-${process.getuid?.() ?? 'user'}`);
const cacheDays = 7;

/**
 * Whether the cache directory is this user's alone. The temporary directory is shared: a
 * directory someone else made, or can write to, could hand this process code to run, so then
 * every module is compiled afresh and nothing is kept.
 */
let cacheTrusted;
function cacheIsOwn() {
  if (cacheTrusted !== undefined) return cacheTrusted;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const dir = statSync(cacheDir);
    cacheTrusted = (process.getuid === undefined || dir.uid === process.getuid()) && (dir.mode & 0o022) === 0;
  } catch {
    cacheTrusted = false;
  }
  return cacheTrusted;
}

/** esbuild loads on the first module not compiled yet: a run from a warm cache never needs it. */
let esbuild;

/** A TypeScript module, wherever it lies: an installed copy of this package sits in node_modules. */
function isTypeScript(url) {
  const path = url.split('?')[0];
  return url.startsWith('file:') && (path.endsWith('.ts') || path.endsWith('.mts'));
}

/** Written under a temporary name, then renamed: a process loading at the same time never reads half an entry. */
function store(file, code) {
  try {
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    pruneOnce();
  } catch {
    // A cache that cannot be written only costs the next run the compiling.
  }
}

/** Entries not written for cacheDays go, once per process that had to compile something. */
let pruned = false;
function pruneOnce() {
  if (pruned) return;
  pruned = true;
  const before = Date.now() - cacheDays * 86_400_000;
  for (const name of readdirSync(cacheDir)) {
    const file = join(cacheDir, name);
    try {
      if (statSync(file).mtimeMs < before) rmSync(file, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

export async function load(url, context, nextLoad) {
  if (!isTypeScript(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  // Read synchronously: a promise per file (open, stat, read, close) cost more than the read.
  const source = readFileSync(path, 'utf8');
  const key = createHash('sha1').update(outputVersion).update(path).update(source).digest('hex');
  const file = join(cacheDir, key);
  const cached = cacheIsOwn();
  if (cached) {
    try {
      return { format: 'module', source: readFileSync(file, 'utf8'), shortCircuit: true };
    } catch {
      // Not compiled yet.
    }
  }
  esbuild ??= await import('esbuild');
  const { code } = await esbuild.transform(source, { ...options, sourcefile: path });
  if (cached) store(file, code);
  return { format: 'module', source: code, shortCircuit: true };
}
