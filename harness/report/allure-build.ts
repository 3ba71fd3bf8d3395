// `npm run report:allure [-- REPORT_DIR]`: builds the Allure HTML report of a run, offline, with
// the `allure` package (Allure Report 3, no Java). Reads REPORT_DIR/allure-results (default: the
// newest reports/*/ that has one) and writes REPORT_DIR/allure-report/.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function newestRunDir(reportsRoot: string): string | undefined {
  if (!existsSync(reportsRoot)) return undefined;
  return readdirSync(reportsRoot)
    .map((name) => join(reportsRoot, name))
    .filter((dir) => existsSync(join(dir, 'allure-results')))
    .sort((a, b) => statSync(join(b, 'allure-results')).mtimeMs - statSync(join(a, 'allure-results')).mtimeMs)[0];
}

const runDir = process.argv[2] ? resolve(process.argv[2]) : newestRunDir(resolve('reports'));
if (!runDir || !existsSync(join(runDir, 'allure-results'))) {
  process.stderr.write(`no allure-results found${runDir ? ` in ${runDir}` : ' under reports/'}; run the suite first (npm start)\n`);
  process.exit(3);
}
// The package exports no path to its command, so it is run from the project's node_modules.
const allureBin = fileURLToPath(new URL('../../node_modules/allure/cli.js', import.meta.url));
const output = join(runDir, 'allure-report');
const child = spawn(process.execPath, [allureBin, 'generate', join(runDir, 'allure-results'), '--output', output, '--report-name', 'lwm2m-conformance'], { stdio: 'inherit' });
child.on('exit', (code) => {
  if (code === 0) process.stdout.write(`Allure report: ${join(output, 'index.html')}\n`);
  process.exit(code ?? 2);
});
