// `lwm2m-conformance matrix DIR... [--out FILE] [--format html|json|csv]`: the results of several
// targets side by side, one column per report directory, one row per case.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { allCases } from '../../suites/index.ts';
import { buildMatrix, type Matrix } from '../report/matrix/matrix.ts';
import { matrixCsv } from '../report/matrix/matrix-csv.ts';
import { matrixHtml } from '../report/matrix/matrix-html.ts';
import { readResults } from '../report/read-results.ts';
import { makeDirectory, ReportDirError } from '../report/report-dir.ts';
import { ExitCode, UsageError } from '../errors.ts';
import type { CommandIO } from './io.ts';
import { helpText, usageText } from './help/command-help.ts';
import { matrixHelp } from './help/matrix.ts';

/** The flags matrix parses: its help (help/matrix.ts) documents each. */
export const matrixOptions = { out: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

const formats = ['html', 'json', 'csv'] as const;
type Format = (typeof formats)[number];

function formatOf(flag: string | undefined, out: string | undefined): Format {
  if (flag !== undefined) {
    if (!(formats as readonly string[]).includes(flag)) throw new UsageError(`matrix: --format ${flag}: expected one of ${formats.join(', ')}`);
    return flag as Format;
  }
  const ext = out ? extname(out).toLowerCase().slice(1) : '';
  if (ext === 'htm') return 'html';
  return (formats as readonly string[]).includes(ext) ? (ext as Format) : 'html';
}

const catalogue = new Map(allCases.map((c, i) => [`${c.tests}\u0000${c.id}`, i]));

function render(matrix: Matrix, format: Format): string {
  if (format === 'csv') return matrixCsv(matrix);
  if (format === 'json') return `${JSON.stringify(matrix, null, 2)}\n`;
  return matrixHtml(matrix);
}

export async function matrixCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: matrixOptions,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(helpText(matrixHelp));
    return ExitCode.ok;
  }
  if (positionals.length === 0) throw new UsageError(`matrix: give the report directories to compare\n${usageText(matrixHelp)}`);
  const format = formatOf(values.format, values.out);
  const seen = new Set<string>();
  for (const dir of positionals) {
    if (seen.has(resolve(dir))) throw new UsageError(`matrix: ${dir} is given twice`);
    seen.add(resolve(dir));
  }
  const inputs = await Promise.all(positionals.map((dir) => readResults(dir)));
  const out = values.out ? resolve(values.out) : undefined;
  const from = out ? dirname(out) : process.cwd();
  // Relative links keep working when the matrix and the reports are published together.
  const reportLink = (dir: string) => {
    const page = join(resolve(dir), 'index.html');
    return existsSync(page) ? relative(from, page).split(sep).map(encodeURIComponent).join('/') : undefined;
  };
  const text = render(buildMatrix(inputs, (c) => catalogue.get(`${c.tests}\u0000${c.id}`), reportLink), format);
  if (!out) {
    io.out(text);
    return ExitCode.ok;
  }
  try {
    await makeDirectory(dirname(out));
    await writeFile(out, text);
  } catch (error) {
    io.err(`error: ${error instanceof ReportDirError ? error.message : `cannot write ${out}: ${(error as Error).message}`}`);
    return ExitCode.error;
  }
  io.out(`matrix: ${out} (${inputs.length} targets)`);
  return ExitCode.ok;
}
