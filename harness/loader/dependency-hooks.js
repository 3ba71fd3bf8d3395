// Module hooks that hand the installed packages' JavaScript to Node untouched. tsx reads and
// rewrites every module it loads, a package's too, which made loading vitest (the run's
// runner) several times slower than Node alone; a package's .js needs none of that.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** "module" or "commonjs" for a directory: the "type" of the nearest package.json, as Node decides a .js file's format. */
const packageTypes = new Map();
function packageType(dir) {
  let type = packageTypes.get(dir);
  if (type !== undefined) return type;
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) type = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
  else type = dirname(dir) === dir ? 'commonjs' : packageType(dirname(dir));
  packageTypes.set(dir, type);
  return type;
}

function formatOf(path) {
  if (path.endsWith('.mjs')) return 'module';
  if (path.endsWith('.cjs')) return 'commonjs';
  if (path.endsWith('.js')) return packageType(dirname(path));
  return undefined;
}

export async function load(url, context, nextLoad) {
  // tsx's own files stay with tsx; anything but plain JavaScript (JSON, .ts, addons) too.
  if (url.startsWith('file:') && url.includes('/node_modules/') && !url.includes('/node_modules/tsx/')) {
    const path = fileURLToPath(url);
    const format = formatOf(path);
    // CommonJS without a source: Node's own require() loads it, as it would without hooks.
    if (format === 'commonjs') return { format, source: null, shortCircuit: true };
    if (format === 'module') return { format, source: await readFile(path), shortCircuit: true };
  }
  return nextLoad(url, context);
}
