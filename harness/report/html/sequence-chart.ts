// The message sequence chart of one case, as inline SVG: a lifeline for each harness peer and
// each target address, one arrow per datagram in time order (labelled with its CoAP summary,
// coloured by code class), the checks drawn beside the message they judged, and checks that
// judged an absence (a missed deadline) drawn at the moment they were decided. Each arrow is
// a focusable group carrying data-seq, so the page's script can show that message's details.
import type { CaseResult, CheckResult, TraceEntry } from '../../run/result.ts';
import { escapeXml as esc } from '../xml.ts';

interface Lifeline {
  key: string;
  title: string;
  address: string;
  side: 'harness' | 'target';
}

type Row = { kind: 'message'; entry: TraceEntry } | { kind: 'check'; check: CheckResult } | { kind: 'gap'; ms: number };

const layout = {
  timeColumn: 78,
  firstLifeline: 150,
  /** Lifelines are spread so the longest label fits, within these bounds. */
  minLifelineGap: 300,
  maxLifelineGap: 640,
  header: 58,
  row: 32,
  gapRow: 24,
  badgeWidth: 26,
  /** A pause longer than this between two rows is drawn as a break labelled with its length. */
  breakAfterMs: 750,
  // Width of one character of the 11.5px monospace labels, rounded up.
  charWidth: 7,
};

function lifelinesOf(trace: readonly TraceEntry[]): Lifeline[] {
  const harness = new Map<string, Lifeline>();
  const target = new Map<string, Lifeline>();
  for (const t of trace) {
    const local = t.direction === 'out' ? t.from : t.to;
    const remote = t.direction === 'out' ? t.to : t.from;
    const hk = `h:${t.endpoint}:${local}`;
    if (!harness.has(hk)) harness.set(hk, { key: hk, title: `harness ${t.endpoint}`, address: local, side: 'harness' });
    const tk = `t:${remote}`;
    if (!target.has(tk)) target.set(tk, { key: tk, title: 'target', address: remote, side: 'target' });
  }
  return [...harness.values(), ...target.values()];
}

function endsOf(t: TraceEntry): { from: string; to: string } {
  const local = `h:${t.endpoint}:${t.direction === 'out' ? t.from : t.to}`;
  const remote = `t:${t.direction === 'out' ? t.to : t.from}`;
  return t.direction === 'out' ? { from: local, to: remote } : { from: remote, to: local };
}

/** Colour class of a message: request, success, client or server error, empty (ACK/RST/ping). */
function codeClass(t: TraceEntry): string {
  if (!t.code) return 'undecodable';
  if (t.code === '0.00') return 'empty';
  if (t.code.startsWith('0.')) return 'request';
  if (t.code.startsWith('2.')) return 'success';
  if (t.code.startsWith('4.')) return 'client-error';
  return 'server-error';
}

function rowsOf(result: CaseResult): Row[] {
  const events: { atMs: number; order: number; row: Row }[] = result.trace.map((entry, i) => ({ atMs: entry.atMs, order: i, row: { kind: 'message', entry } }));
  // Checks that judged no message (nothing arrived by a deadline) are placed when they were decided.
  result.checks
    .filter((c) => c.at === undefined && c.verdict !== 'pass')
    .forEach((check, i) => events.push({ atMs: check.atMs, order: result.trace.length + i, row: { kind: 'check', check } }));
  events.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  const rows: Row[] = [];
  let previous: number | undefined;
  for (const e of events) {
    if (previous !== undefined && e.atMs - previous > layout.breakAfterMs) rows.push({ kind: 'gap', ms: e.atMs - previous });
    rows.push(e.row);
    previous = e.atMs;
  }
  return rows;
}

function truncate(text: string, width: number): string {
  const max = Math.max(8, Math.floor(width / layout.charWidth));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

export function sequenceChart(result: CaseResult, idPrefix: string): string {
  if (!result.trace.length) return '<p class="empty-trace">No datagrams were exchanged in this case.</p>';
  const lifelines = lifelinesOf(result.trace);
  const longest = Math.max(...result.trace.map((t) => t.summary.length));
  const gap = Math.min(layout.maxLifelineGap, Math.max(layout.minLifelineGap, Math.ceil(longest * layout.charWidth + 30)));
  const x = new Map(lifelines.map((l, i) => [l.key, layout.firstLifeline + i * gap]));
  const lastX = layout.firstLifeline + (lifelines.length - 1) * gap;
  const badgeX = lastX + 40;
  const judgedBy = new Map<number, CheckResult[]>();
  for (const c of result.checks) if (c.at !== undefined) judgedBy.set(c.at, [...(judgedBy.get(c.at) ?? []), c]);
  const maxBadges = Math.max(1, ...[...judgedBy.values()].map((l) => l.length));
  // Wide enough for the last lifeline's header box and the check badges.
  const width = Math.max(lastX + 120, badgeX + maxBadges * (layout.badgeWidth + 4) + 20);

  const rows = rowsOf(result);
  let y = layout.header + 16;
  const body: string[] = [];
  for (const row of rows) {
    if (row.kind === 'gap') {
      const mid = y + layout.gapRow / 2 - 4;
      body.push(`<g class="gap"><line x1="${layout.timeColumn - 8}" y1="${mid}" x2="${lastX + 20}" y2="${mid}"/><text x="${(layout.firstLifeline + lastX) / 2}" y="${mid - 4}" text-anchor="middle">${esc(`${(row.ms / 1000).toFixed(1)} s later`)}</text></g>`);
      y += layout.gapRow;
      continue;
    }
    if (row.kind === 'check') {
      const c = row.check;
      const cy = y + layout.row / 2;
      body.push(
        `<g class="deadline v-${c.verdict}"><text class="time" x="${layout.timeColumn - 10}" y="${cy + 4}" text-anchor="end">${seconds(c.atMs)}</text>` +
          `<line x1="${layout.firstLifeline}" y1="${cy}" x2="${lastX}" y2="${cy}"/>` +
          `<rect x="${badgeX}" y="${cy - 9}" width="${layout.badgeWidth}" height="18" rx="4"/><text class="badge-text" x="${badgeX + layout.badgeWidth / 2}" y="${cy + 4}" text-anchor="middle">${esc(c.id)}</text>` +
          `<text class="deadline-text" x="${(layout.firstLifeline + lastX) / 2}" y="${cy - 5}" text-anchor="middle">${esc(truncate(`${c.id}: ${typeof c.actual === 'string' ? c.actual : JSON.stringify(c.actual)}`, lastX - layout.firstLifeline))}</text></g>`,
      );
      y += layout.row;
      continue;
    }
    const t = row.entry;
    const ends = endsOf(t);
    const x1 = x.get(ends.from)!;
    const x2 = x.get(ends.to)!;
    const ay = y + layout.row - 10;
    const dir = x2 > x1 ? 1 : -1;
    const label = truncate(t.summary, Math.abs(x2 - x1) - 16);
    const checks = judgedBy.get(t.seq) ?? [];
    const worst = checks.find((c) => c.verdict === 'fail') ?? checks.find((c) => c.verdict === 'inconclusive') ?? checks.find((c) => c.verdict === 'warning');
    const badges = checks
      .map((c, i) => {
        const bx = badgeX + i * (layout.badgeWidth + 4);
        return `<g class="badge v-${c.verdict}"><title>${esc(`${c.id} ${c.verdict}: ${c.description}`)}</title><rect x="${bx}" y="${ay - 9}" width="${layout.badgeWidth}" height="18" rx="4"/><text class="badge-text" x="${bx + layout.badgeWidth / 2}" y="${ay + 4}" text-anchor="middle">${esc(c.id)}</text></g>`;
      })
      .join('');
    body.push(
      `<g class="msg ${codeClass(t)}${t.type === 'NON' ? ' non' : ''}${t.impairment ? ` impaired-${t.impairment}` : ''}${worst ? ` judged-${worst.verdict}` : ''}" id="${idPrefix}-m${t.seq}" data-seq="${t.seq}" tabindex="0" role="button" aria-label="${esc(`message #${t.seq}: ${t.summary}`)}">` +
        `<title>${esc(`#${t.seq} ${t.from} → ${t.to}\n${t.summary}`)}</title>` +
        `<rect class="hit" x="${layout.timeColumn - 70}" y="${y}" width="${badgeX - layout.timeColumn + 60}" height="${layout.row}"/>` +
        `<text class="time" x="${layout.timeColumn - 10}" y="${ay + 4}" text-anchor="end">${seconds(t.atMs)}</text>` +
        `<text class="seq" x="${layout.timeColumn + 22}" y="${ay + 4}" text-anchor="end">#${t.seq}</text>` +
        `<line class="arrow" x1="${x1}" y1="${ay}" x2="${x2 - dir * 2}" y2="${ay}" marker-end="url(#${idPrefix}-head)"/>` +
        `<text class="label" x="${(x1 + x2) / 2}" y="${ay - 6}" text-anchor="middle">${esc(label)}</text>${badges}</g>`,
    );
    y += layout.row;
  }
  const height = y + 16;
  const heads = lifelines
    .map((l) => {
      const lx = x.get(l.key)!;
      return (
        `<g class="lifeline ${l.side}"><rect x="${lx - 110}" y="6" width="220" height="40" rx="6"/>` +
        `<text class="who" x="${lx}" y="23" text-anchor="middle">${esc(l.title)}</text>` +
        `<text class="addr" x="${lx}" y="38" text-anchor="middle">${esc(l.address)}</text>` +
        `<line x1="${lx}" y1="46" x2="${lx}" y2="${height - 8}"/></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="message sequence chart of ${esc(result.id)}">` +
    `<defs><marker id="${idPrefix}-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>` +
    `${heads}${body.join('')}</svg>`
  );
}
