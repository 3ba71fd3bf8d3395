// A compatibility matrix: the results of several targets side by side, as interoperability
// events publish theirs. Rows are the cases of every report, by interface in catalogue order;
// columns the targets (profile name and report directory); a cell is the target's verdict,
// linking to the case in that target's index.html. A case a target did not run is an empty cell.
import type { CaseResult } from '../../run/result.ts';
import type { Verdict } from '../../run/verdict.ts';
import { caseAnchor } from '../html/anchors.ts';
import type { ReportInput } from '../read-results.ts';
import type { RunReport } from '../run-report.ts';

export interface MatrixTarget {
  /** Column heading: the profile's name and the report directory. */
  label: string;
  name: string;
  role: string;
  lwm2mVersion: string;
  endpoint?: string;
  dir: string;
  /** The target's index.html relative to the matrix, when the directory has one. */
  report?: string;
  startedAt: string;
  summary: RunReport['summary'];
}

export interface MatrixCell {
  verdict: Verdict;
  reason?: string;
  /** The case in the target's index.html. */
  href?: string;
}

export interface MatrixRow {
  id: string;
  title: string;
  interface: string;
  tests: CaseResult['tests'];
  /** One per target, in column order; null where the target did not run the case. */
  cells: (MatrixCell | null)[];
}

export interface Matrix {
  targets: MatrixTarget[];
  rows: MatrixRow[];
}

/** A case's position in the catalogue; cases it does not know go last. */
export type CatalogueOrder = (c: Pick<CaseResult, 'id' | 'tests'>) => number | undefined;

/**
 * `reportLink(dir)`: the URL of DIR/index.html as seen from where the matrix is written, or
 * undefined when there is no page to link to.
 */
export function buildMatrix(inputs: readonly ReportInput[], catalogueOrder: CatalogueOrder, reportLink: (dir: string) => string | undefined): Matrix {
  const targets = inputs.map(({ dir, report: r }): MatrixTarget => {
    const link = reportLink(dir);
    return {
      label: `${r.profile.name} (${dir})`,
      name: r.profile.name,
      role: r.profile.role,
      lwm2mVersion: r.profile.lwm2mVersion,
      ...(r.profile.endpoint ? { endpoint: r.profile.endpoint } : {}),
      dir,
      ...(link ? { report: link } : {}),
      startedAt: r.startedAt,
      summary: r.summary,
    };
  });
  // Ids are unique per role: a client case and a server case may share an ETS id.
  const key = (c: Pick<CaseResult, 'id' | 'tests'>) => `${c.tests}\u0000${c.id}`;
  const rows = new Map<string, MatrixRow & { arrival: number }>();
  inputs.forEach(({ report }, column) => {
    for (const c of report.cases) {
      let row = rows.get(key(c));
      if (!row) {
        row = { id: c.id, title: c.title, interface: c.interface, tests: c.tests, cells: inputs.map(() => null), arrival: rows.size };
        rows.set(key(c), row);
      }
      const link = targets[column]!.report;
      row.cells[column] = { verdict: c.verdict, ...(c.reason ? { reason: c.reason } : {}), ...(link ? { href: `${link}#${caseAnchor(c.id)}` } : {}) };
    }
  });
  const position = (r: MatrixRow & { arrival: number }) => catalogueOrder(r) ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...rows.values()].sort((a, b) => position(a) - position(b) || a.arrival - b.arrival);
  // Interfaces stay together even where the catalogue does not know a case.
  const interfaces = [...new Set(sorted.map((r) => r.interface))];
  const grouped = interfaces.flatMap((name) => sorted.filter((r) => r.interface === name));
  return { targets, rows: grouped.map(({ arrival: _, ...row }) => row) };
}
