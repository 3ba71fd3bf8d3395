// The matrix as one self-contained HTML page (inline CSS, nothing fetched): a column per target
// with its facts and verdict counts, a section of rows per interface, each cell the verdict
// linking to the case in that target's report.
import { verdictName, verdictOrder } from '../html/verdicts.ts';
import { escapeXml as esc } from '../xml.ts';
import type { Matrix, MatrixCell } from './matrix.ts';

const style = `
:root { --pass:#1a7f37; --pass-bg:#dafbe1; --fail:#cf222e; --fail-bg:#ffebe9; --inconclusive:#9a6700; --inconclusive-bg:#fff8c5;
  --error:#8250df; --error-bg:#fbefff; --na:#6e7781; --na-bg:#eaeef2; --line:#d0d7de; --muted:#57606a; --bg:#f6f8fa; --fg:#1f2328; --accent:#0969da; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
main { padding: 20px 24px 60px; }
h1 { font-size: 22px; margin: 0 0 14px; }
.muted { color: var(--muted); font-weight: normal; }
table.matrix { border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 5px 10px; vertical-align: top; }
table.matrix thead th { background: var(--bg); text-align: left; font-weight: 600; min-width: 140px; }
table.matrix thead th .facts { display: block; font-size: 12px; color: var(--muted); font-weight: normal; }
table.matrix thead th .counts { display: block; font-size: 12px; margin-top: 4px; }
table.matrix tr.interface th { background: var(--bg); text-transform: uppercase; font-size: 12px; letter-spacing: .04em; color: var(--muted); text-align: left; }
table.matrix tbody th { text-align: left; font-weight: normal; }
table.matrix .case-id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; display: block; }
td.cell { text-align: center; font-weight: 600; font-size: 12px; text-transform: uppercase; white-space: nowrap; }
td.cell a { color: inherit; text-decoration: none; display: block; } td.cell a:hover { text-decoration: underline; }
td.cell.not-run { color: #afb8c1; font-weight: normal; }
.v-pass { color: var(--pass); background: var(--pass-bg); } .v-fail { color: var(--fail); background: var(--fail-bg); }
.v-inconclusive { color: var(--inconclusive); background: var(--inconclusive-bg); } .v-error { color: var(--error); background: var(--error-bg); }
.v-not-applicable { color: var(--na); background: var(--na-bg); }
a { color: var(--accent); }
`;

function cell(c: MatrixCell | null, column: number): string {
  if (!c) return `<td class="cell not-run" data-target="${column}" title="not run">—</td>`;
  const name = esc(verdictName[c.verdict]);
  const body = c.href ? `<a href="${esc(c.href)}">${name}</a>` : name;
  return `<td class="cell v-${c.verdict}" data-target="${column}" data-verdict="${c.verdict}"${c.reason ? ` title="${esc(c.reason)}"` : ''}>${body}</td>`;
}

export function matrixHtml(matrix: Matrix): string {
  const heads = matrix.targets
    .map((t, i) => {
      const facts = [`${t.role}, LwM2M ${t.lwm2mVersion}`, ...(t.endpoint ? [t.endpoint] : []), `started ${t.startedAt}`].map(esc).join('<br>');
      const dir = t.report ? `<a href="${esc(t.report)}">${esc(t.dir)}</a>` : esc(t.dir);
      const counts = verdictOrder
        .filter((v) => t.summary.byVerdict[v] > 0)
        .map((v) => `<span class="v-${v}">${t.summary.byVerdict[v]} ${esc(verdictName[v])}</span>`)
        .join(' · ');
      return `<th scope="col" data-target="${i}"><span class="name">${esc(t.name)}</span><span class="facts">${dir}<br>${facts}</span><span class="counts">${counts || '<span class="muted">no cases</span>'}</span></th>`;
    })
    .join('');
  const width = matrix.targets.length + 1;
  const body: string[] = [];
  let current: string | undefined;
  for (const row of matrix.rows) {
    if (row.interface !== current) {
      current = row.interface;
      body.push(`<tr class="interface"><th colspan="${width}" scope="rowgroup">${esc(row.interface)}</th></tr>`);
    }
    body.push(
      `<tr class="case" data-case="${esc(row.id)}" data-interface="${esc(row.interface)}"><th scope="row"><span class="case-id">${esc(row.id)}</span>${esc(row.title)}</th>` +
        `${row.cells.map(cell).join('')}</tr>`,
    );
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>LwM2M compatibility matrix</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>LwM2M compatibility matrix <span class="muted">${matrix.targets.length} targets, ${matrix.rows.length} cases</span></h1>
<table class="matrix">
<thead><tr><th scope="col">case</th>${heads}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
<p class="muted">Each cell links to the case in that target's report (index.html). — : the target's run did not include the case.</p>
</main>
</body>
</html>
`;
}
