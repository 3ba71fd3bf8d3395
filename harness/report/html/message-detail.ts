// The details of one message, shown on demand under the chart: addresses and time, the CoAP
// header, options, the payload as text, decoded by its Content-Format, and as a hex dump, and
// the checks that judged it.
import { decodeMessage } from '../../coap/message.ts';
import type { ObjectModel } from '../../lwm2m/model/index.ts';
import type { CaseResult, TraceEntry } from '../../run/result.ts';
import { namedOptions } from '../option-text.ts';
import { decodePayload, hexDump } from '../payload-view.ts';
import { escapeXml as esc } from '../xml.ts';

function headerRows(t: TraceEntry): string {
  const cells: [string, string | number | undefined][] = [
    ['direction', t.direction === 'in' ? `received by harness ${t.endpoint}` : `sent by harness ${t.endpoint}`],
    ['from → to', `${t.from} → ${t.to}`],
    ['time', `${(t.atMs / 1000).toFixed(3)} s after the case started`],
    ['type', t.type],
    ['code', t.code],
    ['message ID', t.messageId],
    ['token', t.token === undefined ? undefined : t.token || '(empty)'],
    ['impairment', t.impairment === undefined ? undefined : `${t.impairment}${t.impairmentDelayMs !== undefined ? ` (${t.impairmentDelayMs} ms)` : ''} by the network impairment layer`],
  ];
  return cells
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(String(v))}</td></tr>`)
    .join('');
}

/** Options by their RFC names with values as people read them (Content-Format with its media type). */
function optionRows(t: TraceEntry): readonly { name: string; value: string }[] {
  const decoded = t.options?.length && !t.wire ? decodeMessage(Buffer.from(t.bytesHex, 'hex')) : undefined;
  return decoded?.ok ? namedOptions(decoded.message.options) : (t.options ?? []);
}

export function messageDetail(result: CaseResult, t: TraceEntry, idPrefix: string, model?: ObjectModel): string {
  const rows = optionRows(t);
  const options = rows.length ? `<h5>Options</h5><table class="kv">${rows.map((o) => `<tr><th>${esc(o.name)}</th><td>${esc(o.value)}</td></tr>`).join('')}</table>` : '';
  const decoded = decodePayload(t, result.trace, model);
  const payload =
    t.payload === undefined
      ? '<p class="muted">No payload.</p>'
      : `<h5>Payload</h5><pre class="payload">${esc(t.payload)}</pre>` +
        (decoded?.text ? `<h5>Decoded as ${esc(decoded.format)}</h5><pre class="payload">${esc(decoded.text)}</pre>` : '') +
        (decoded?.error ? `<p class="decode-error">Not valid ${esc(decoded.format)}: ${esc(decoded.error)}</p>` : '');
  const judged = result.checks.filter((c) => c.at === t.seq);
  const checks = judged.length
    ? `<h5>Judged by</h5><ul class="judged">${judged.map((c) => `<li><span class="pill v-${c.verdict}">${esc(c.verdict)}</span> ${esc(c.id)} ${esc(c.description)}</li>`).join('')}</ul>`
    : '';
  const problem = t.decodeError ? `<p class="decode-error">Undecodable datagram: ${esc(t.decodeError)}</p>` : '';
  return (
    `<div class="msg-detail" id="${idPrefix}-d${t.seq}" data-seq="${t.seq}" hidden>` +
    `<h4>Message #${t.seq} <span class="muted">${esc(t.summary)}</span></h4>${problem}` +
    `<div class="detail-grid"><div><table class="kv">${headerRows(t)}</table>${options}${checks}</div>` +
    `<div>${payload}<h5>Bytes (${t.bytesHex.length / 2})</h5><pre class="hex">${esc(hexDump(t.bytesHex))}</pre></div></div></div>`
  );
}
