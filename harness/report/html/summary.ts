// The top of the page: the run's facts (target, profile, timing), the per-interface table of
// verdict counts, and the filters (by verdict, by interface, by text).
import { configurationNoteText, type RunReport } from '../run-report.ts';
import { escapeXml as esc } from '../xml.ts';
import { verdictName, verdictOrder } from './verdicts.ts';

export function runFacts(report: RunReport): string {
  const v = report.summary.byVerdict;
  const overall = v.error || report.harnessErrors.length ? 'error' : v.fail ? 'fail' : v.inconclusive ? 'inconclusive' : 'pass';
  const facts = [
    ['target', `${report.profile.name} (${report.profile.role}, LwM2M ${report.profile.lwm2mVersion})`],
    ...(report.profile.endpoint ? [['endpoint', report.profile.endpoint]] : []),
    ['profile', report.profile.file],
    ['started', report.startedAt],
    ['duration', `${(report.durationMs / 1000).toFixed(1)} s`],
    ...(report.shard ? [['shard', `${report.shard.index}/${report.shard.count}: ${report.cases.length} of ${report.shard.selected} selected cases (merge-reports joins the shards)`]] : []),
    ...(report.shards ? [['joined from', report.shards.map((s) => `${s.shard ? `shard ${s.shard.index}/${s.shard.count} ` : ''}${s.dir} (${s.cases} cases, started ${s.startedAt})`).join('; ')]] : []),
    ...(report.impairment ? [['network impairment', `${report.impairment.spec}, seed ${report.impairment.seed} (--impair ${report.impairment.spec} --seed ${report.impairment.seed})`]] : []),
    ['tool', `${report.tool.name} ${report.tool.version} · Node ${report.environment.node} · ${report.environment.platform}/${report.environment.arch}`],
  ];
  const errors = report.harnessErrors.length
    ? `<div class="harness-errors"><strong>Harness errors</strong><ul>${report.harnessErrors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>`
    : '';
  const notes = report.configurationNotes ?? [];
  const configuration = notes.length
    ? `<div class="configuration-notes"><strong>Configuration notes</strong> (ETS values the target holds differently; no case needed them)<ul>${notes.map((n) => `<li>${esc(configurationNoteText(n))}</li>`).join('')}</ul></div>`
    : '';
  return (
    `<header class="run"><div class="title"><h1>LwM2M conformance report</h1><span class="pill big v-${overall}">${esc(overall === 'pass' ? 'all passed' : overall)}</span></div>` +
    `<table class="kv facts">${facts.map(([k, val]) => `<tr><th>${esc(k!)}</th><td>${esc(val!)}</td></tr>`).join('')}</table>${configuration}${errors}</header>`
  );
}

export function summaryTable(report: RunReport): string {
  const cell = (verdict: (typeof verdictOrder)[number], n: number) => `<td class="count${n ? ` v-${verdict}` : ' zero'}">${n}</td>`;
  const rows = Object.entries(report.summary.byInterface)
    .map(([name, counts]) => {
      const total = verdictOrder.reduce((s, v) => s + counts[v], 0);
      return `<tr><th><a href="#" class="iface-link" data-interface="${esc(name)}">${esc(name)}</a></th><td class="count">${total}</td>${verdictOrder.map((v) => cell(v, counts[v])).join('')}</tr>`;
    })
    .join('');
  const t = report.summary.byVerdict;
  return (
    `<section class="summary"><h2>Summary</h2><table class="counts"><thead><tr><th>interface</th><th>cases</th>${verdictOrder.map((v) => `<th>${verdictName[v]}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows}</tbody><tfoot><tr><th>total</th><td class="count">${report.summary.total}</td>${verdictOrder.map((v) => cell(v, t[v])).join('')}</tr></tfoot></table></section>`
  );
}

export function filters(report: RunReport): string {
  const t = report.summary.byVerdict;
  const chips = verdictOrder
    .map((v) => `<label class="chip v-${v}"><input type="checkbox" name="verdict" value="${v}" checked> ${verdictName[v]} <span class="n">${t[v]}</span></label>`)
    .join('');
  const interfaces = Object.keys(report.summary.byInterface)
    .map((name) => `<option value="${esc(name)}">${esc(name)}</option>`)
    .join('');
  return (
    `<nav class="filters" aria-label="filters"><div class="chips">${chips}</div>` +
    `<select name="interface" aria-label="interface"><option value="">all interfaces</option>${interfaces}</select>` +
    `<input type="search" name="text" placeholder="filter by id or title" aria-label="filter by id or title">` +
    `<button type="button" class="open-failed">open failures</button><button type="button" class="close-all">collapse all</button>` +
    `<span class="shown"></span></nav>`
  );
}
