// One case on the page: a collapsed row (verdict, id, title, time) that opens to the ETS
// reference, the reason, the checks with expected and actual, the messages failed checks judged
// (options and payload), the sequence chart with the message details on demand (drawn from the
// case's data when it is opened), notes and what the target printed. Payloads are decoded with `model` (the built-in objects when absent).
import type { ObjectModel } from '../../lwm2m/model/index.ts';
import type { CaseResult } from '../../run/result.ts';
import { escapeXml as esc } from '../xml.ts';
import { judgedMessages } from './judged-messages.ts';
import { caseAnchor } from './anchors.ts';
import { verdictName } from './verdicts.ts';

const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function checksTable(result: CaseResult, idPrefix: string): string {
  if (!result.checks.length) return '<p class="muted">No checks were reached.</p>';
  const rows = result.checks
    .map((c) => {
      const at = c.at !== undefined ? `<a class="msg-link" href="#${idPrefix}-m${c.at}" data-seq="${c.at}">#${c.at}</a>` : `<span class="muted">${(c.atMs / 1000).toFixed(3)} s</span>`;
      return (
        `<tr class="check v-${c.verdict}"><td><span class="pill v-${c.verdict}">${esc(c.verdict)}</span></td><td class="id">${esc(c.id)}</td>` +
        `<td class="level">${esc(c.level)}</td><td>${esc(c.description)}${c.ref ? `<div class="muted">${esc(c.ref)}</div>` : ''}</td>` +
        `<td class="value">${esc(show(c.expected))}</td><td class="value actual">${esc(show(c.actual))}</td><td>${at}</td></tr>`
      );
    })
    .join('');
  return `<table class="checks"><thead><tr><th>verdict</th><th>check</th><th>level</th><th>criterion</th><th>expected</th><th>actual</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function targetOutput(result: CaseResult): string {
  if (!result.targetOutput?.length) return '';
  const text = result.targetOutput.map((l) => `${(l.atMs / 1000).toFixed(3).padStart(8)} s ${l.stream}  ${l.text}`).join('\n');
  const omitted = result.targetOutputOmitted ?? 0;
  const shown = omitted > 0 ? `the last ${result.targetOutput.length} lines; ${omitted} earlier lines left out, all in target-output.log` : `${result.targetOutput.length} lines`;
  return `<details class="output"><summary>Target output (${shown})</summary><pre>${esc(text)}</pre></details>`;
}

const seconds = (ms: number, digits: number) => `${(ms / 1000).toFixed(digits)} s`;

export function caseView(result: CaseResult, model?: ObjectModel): string {
  // Stable, so that links into the page (index.html#case-<id>) survive another run.
  const idPrefix = caseAnchor(result.id);
  const counted = result.checks.filter((c) => c.verdict === 'pass').length;
  const meta = [
    ['reference', result.ref],
    ...(result.config ? [['ETS configuration', result.config]] : []),
    ['tests', result.tests],
    ['interface', result.interface],
    ['started', result.startedAt],
    ['elapsed', seconds(result.durationMs, 2)],
    ...(result.waitedMs !== undefined ? [['waiting for the target', seconds(result.waitedMs, 2)]] : []),
  ];
  const notes = result.notes.length ? `<h3>Notes</h3><ul class="notes">${result.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return (
    `<article class="case v-${result.verdict}" id="${idPrefix}" data-case="${esc(result.id)}" data-verdict="${result.verdict}" data-interface="${esc(result.interface)}">` +
    `<details><summary><span class="pill v-${result.verdict}">${esc(verdictName[result.verdict])}</span>` +
    `<span class="case-id">${esc(result.id)}</span><span class="case-title">${esc(result.title)}</span>` +
    `<span class="case-stats">${result.checks.length ? `${counted}/${result.checks.length} checks · ` : ''}${seconds(result.durationMs, 1)} elapsed${result.waitedMs !== undefined ? ` · ${seconds(result.waitedMs, 1)} waiting` : ''}</span></summary>` +
    `<div class="case-body">` +
    (result.reason ? `<p class="reason v-${result.verdict}">${esc(result.reason)}</p>` : '') +
    `<table class="kv meta">${meta.map(([k, v]) => `<tr><th>${esc(k!)}</th><td>${esc(v!)}</td></tr>`).join('')}</table>` +
    `<h3>Checks</h3>${checksTable(result, idPrefix)}${judgedMessages(result, idPrefix, model)}` +
    `<h3>Message sequence <span class="muted">(${result.trace.length} datagrams; select a message for its details)</span></h3>` +
    // Drawn by the page's script when the case is first opened (trace-view.ts).
    `<div class="chart-wrap"></div><div class="msg-details"></div>` +
    `${notes}${targetOutput(result)}</div></details></article>`
  );
}
