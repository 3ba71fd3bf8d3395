// The matrix as CSV (RFC 4180) for spreadsheets: a heading row (interface, case, title, then
// one column per target), then one row per case; a cell is the verdict, empty where the
// target did not run the case.
import type { Matrix } from './matrix.ts';

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function matrixCsv(matrix: Matrix): string {
  const lines = [['interface', 'case', 'title', ...matrix.targets.map((t) => t.label)]];
  for (const row of matrix.rows) lines.push([row.interface, row.id, row.title, ...row.cells.map((c) => c?.verdict ?? '')]);
  return lines.map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}
