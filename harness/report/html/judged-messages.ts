// Under a failed case's checks: each message a failed, warning or inconclusive check judged,
// with its options and decoded payload in a few lines, shown without a click, so the reason for
// the failure (a Content-Format 50, a value out of range) is on the page at once.
import type { ObjectModel } from '../../lwm2m/model/index.ts';
import type { CaseResult } from '../../run/result.ts';
import { messageFacts } from '../message-facts.ts';
import { escapeXml as esc } from '../xml.ts';

const judging = new Set(['fail', 'warning', 'inconclusive']);

export function judgedMessages(result: CaseResult, idPrefix: string, model?: ObjectModel): string {
  const seqs = [...new Set(result.checks.filter((c) => judging.has(c.verdict) && c.at !== undefined).map((c) => c.at!))];
  const entries = seqs.map((seq) => result.trace.find((t) => t.seq === seq)).filter((t) => t !== undefined);
  if (!entries.length) return '';
  const items = entries.map((t) => {
    const checks = result.checks.filter((c) => c.at === t.seq && judging.has(c.verdict)).map((c) => c.id).join(', ');
    return (
      `<div class="judged-message" data-seq="${t.seq}"><p><a class="msg-link" href="#${idPrefix}-m${t.seq}" data-seq="${t.seq}">#${t.seq}</a> ` +
      `${esc(t.summary)} <span class="muted">(check ${esc(checks)})</span></p><pre class="facts">${esc(messageFacts(t, result.trace, model).join('\n'))}</pre></div>`
    );
  });
  return `<h3>Messages the failed checks rest on</h3>${items.join('')}`;
}
