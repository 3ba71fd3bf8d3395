// How the harness's TypeScript is compiled, both module by module as it loads
// (typescript-hooks.js) and ahead of a command into a tree of JavaScript (compiled-tree.js).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const compileOptions = {
  loader: 'ts',
  format: 'esm',
  target: `node${process.versions.node}`,
  // Stack traces point into the sources through the map. Node parses every module's map as it
  // loads; without the sources' text in it (they are on disk) a module's output is half the size.
  sourcemap: 'inline',
  sourcesContent: false,
  minifyWhitespace: true,
  // Class and function names stay as written: reports and errors show them.
  keepNames: true,
  // As tsconfig.json (not shipped with the package) has it: imports are kept unless marked `type`.
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
};

/** The compiler's version and options: output made by another esbuild or with other options is not this one's. */
const esbuildManifest = createRequire(import.meta.url).resolve('esbuild/package.json');
export const outputVersion = `${JSON.parse(readFileSync(esbuildManifest, 'utf8')).version} ${JSON.stringify(compileOptions)}`;
