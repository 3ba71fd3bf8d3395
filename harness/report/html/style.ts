// The page's stylesheet, inlined so the report is one self-contained file. Verdict colours:
// green pass, red fail, amber inconclusive, purple error, grey not applicable.
export const style = `
:root { --pass:#1a7f37; --pass-bg:#dafbe1; --fail:#cf222e; --fail-bg:#ffebe9; --inconclusive:#9a6700; --inconclusive-bg:#fff8c5;
  --error:#8250df; --error-bg:#fbefff; --na:#6e7781; --na-bg:#eaeef2; --warning:#bc4c00; --warning-bg:#fff1e5;
  --line:#d0d7de; --muted:#57606a; --bg:#f6f8fa; --fg:#1f2328; --accent:#0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 60px; }
h1 { font-size: 22px; margin: 0; } h2 { font-size: 17px; margin: 24px 0 8px; } h3 { font-size: 14px; margin: 18px 0 6px; }
h4 { margin: 0 0 8px; font-size: 14px; } h5 { margin: 10px 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.muted { color: var(--muted); font-weight: normal; }
header.run { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
header.run .title { display: flex; align-items: center; gap: 14px; margin-bottom: 10px; }
table { border-collapse: collapse; }
table.kv th { text-align: left; font-weight: 600; color: var(--muted); padding: 2px 16px 2px 0; vertical-align: top; white-space: nowrap; }
table.kv td { padding: 2px 0; word-break: break-word; }
.pill { display: inline-block; min-width: 64px; text-align: center; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
  border: 1px solid currentColor; text-transform: uppercase; letter-spacing: .03em; }
.pill.big { font-size: 14px; padding: 3px 14px; }
.v-pass { color: var(--pass); } .pill.v-pass, td.count.v-pass, .chip.v-pass { background: var(--pass-bg); }
.v-fail { color: var(--fail); } .pill.v-fail, td.count.v-fail, .chip.v-fail { background: var(--fail-bg); }
.v-inconclusive { color: var(--inconclusive); } .pill.v-inconclusive, td.count.v-inconclusive, .chip.v-inconclusive { background: var(--inconclusive-bg); }
.v-error { color: var(--error); } .pill.v-error, td.count.v-error, .chip.v-error { background: var(--error-bg); }
.v-not-applicable { color: var(--na); } .pill.v-not-applicable, td.count.v-not-applicable, .chip.v-not-applicable { background: var(--na-bg); }
.v-warning { color: var(--warning); } .pill.v-warning { background: var(--warning-bg); }
article.case, section.summary table, .filters { color: var(--fg); }
section.summary table.counts { background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; min-width: 560px; }
table.counts th, table.counts td { padding: 7px 14px; border-bottom: 1px solid var(--line); }
table.counts thead th { background: var(--bg); font-size: 12px; text-transform: uppercase; color: var(--muted); text-align: right; }
table.counts thead th:first-child, table.counts tbody th, table.counts tfoot th { text-align: left; }
table.counts td.count { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
table.counts td.zero { color: #afb8c1; font-weight: normal; }
table.counts tfoot th, table.counts tfoot td { border-bottom: 0; background: var(--bg); }
table.counts a { color: var(--accent); text-decoration: none; }
.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 10px; align-items: center; background: var(--bg); padding: 12px 0; border-bottom: 1px solid var(--line); margin: 18px 0 12px; }
.chips { display: flex; gap: 6px; flex-wrap: wrap; }
.chip { border: 1px solid currentColor; border-radius: 999px; padding: 2px 10px; cursor: pointer; user-select: none; font-weight: 600; font-size: 13px; }
.chip input { margin: 0 4px 0 0; vertical-align: -1px; } .chip .n { font-weight: normal; }
.filters select, .filters input[type=search], .filters button { font: inherit; padding: 3px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.filters input[type=search] { width: 220px; } .filters button { cursor: pointer; }
.filters .shown { color: var(--muted); margin-left: auto; }
article.case { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--na); border-radius: 6px; margin: 8px 0; }
article.case.v-pass { border-left-color: var(--pass); } article.case.v-fail { border-left-color: var(--fail); }
article.case.v-inconclusive { border-left-color: #d4a72c; } article.case.v-error { border-left-color: var(--error); }
article.case > details > summary { display: flex; gap: 12px; align-items: center; padding: 9px 14px; cursor: pointer; list-style: none; }
article.case > details > summary::-webkit-details-marker { display: none; }
article.case > details > summary::before { content: "▸"; color: var(--muted); width: 10px; }
article.case > details[open] > summary::before { content: "▾"; }
article.case > details[open] > summary { border-bottom: 1px solid var(--line); }
.case-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; color: var(--fg); }
.case-title { color: var(--fg); font-weight: 600; }
.case-stats { margin-left: auto; color: var(--muted); font-size: 12px; white-space: nowrap; }
.case-body { padding: 8px 18px 18px; color: var(--fg); }
.reason { border-left: 4px solid currentColor; padding: 6px 10px; margin: 6px 0 10px; font-weight: 600; background: var(--bg); }
table.checks { width: 100%; border: 1px solid var(--line); }
table.checks th { background: var(--bg); text-align: left; font-size: 12px; color: var(--muted); padding: 5px 8px; border-bottom: 1px solid var(--line); }
table.checks td { padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; color: var(--fg); }
table.checks tr.v-fail td { background: #fff6f5; } table.checks tr.v-warning td { background: #fffaf2; } table.checks tr.v-inconclusive td { background: #fffdeb; }
table.checks td.id, table.checks td.level { font-weight: 600; white-space: nowrap; }
table.checks td.value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-word; max-width: 280px; }
table.checks tr.v-fail td.actual { color: var(--fail); font-weight: 600; }
.msg-link { color: var(--accent); font-family: ui-monospace, monospace; }
.chart-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; background: #fcfdfe; }
svg.chart { display: block; font-family: system-ui, sans-serif; }
svg.chart .lifeline rect { fill: #fff; stroke: #8c959f; }
svg.chart .lifeline.target rect { fill: #ddf4ff; stroke: #54aeff; }
svg.chart .lifeline .who { font-size: 12px; font-weight: 600; fill: var(--fg); }
svg.chart .lifeline .addr { font-size: 11px; fill: var(--muted); font-family: ui-monospace, monospace; }
svg.chart .lifeline line { stroke: #afb8c1; stroke-dasharray: 4 4; }
svg.chart .time, svg.chart .seq { font-size: 11px; fill: var(--muted); font-family: ui-monospace, monospace; }
svg.chart .label { font-size: 11.5px; fill: var(--fg); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
svg.chart .arrow { stroke-width: 1.6; }
svg.chart .msg.request .arrow { stroke: #0969da; } svg.chart .msg.success .arrow { stroke: #1a7f37; }
svg.chart .msg.client-error .arrow { stroke: #bc4c00; } svg.chart .msg.server-error .arrow { stroke: #cf222e; }
svg.chart .msg.empty .arrow { stroke: #8c959f; stroke-dasharray: 2 3; } svg.chart .msg.undecodable .arrow { stroke: #8250df; stroke-dasharray: 6 3; }
svg.chart .msg.non .arrow { stroke-dasharray: 7 4; }
svg.chart .msg.impaired-dropped .arrow { opacity: 0.45; stroke-dasharray: 3 5; } svg.chart .msg.impaired-dropped .label { text-decoration: line-through; opacity: 0.7; }
svg.chart .msg.impaired-duplicated .label, svg.chart .msg.impaired-delayed .label, svg.chart .msg.impaired-reordered .label { font-style: italic; }
svg.chart .msg .hit { fill: transparent; }
svg.chart .msg { cursor: pointer; outline: none; }
svg.chart .msg:hover .hit, svg.chart .msg:focus .hit { fill: #f3f6f9; }
svg.chart .msg.selected .hit { fill: #ddf4ff; }
svg.chart .msg.judged-fail .label { fill: var(--fail); font-weight: 600; }
svg.chart .badge rect, svg.chart .deadline rect { stroke: currentColor; }
svg.chart .v-pass rect { fill: var(--pass-bg); } svg.chart .v-fail rect { fill: var(--fail-bg); }
svg.chart .v-warning rect { fill: var(--warning-bg); } svg.chart .v-inconclusive rect { fill: var(--inconclusive-bg); }
svg.chart .badge-text { font-size: 11px; font-weight: 700; fill: currentColor; }
svg.chart .deadline line { stroke: currentColor; stroke-width: 1.5; stroke-dasharray: 3 3; }
svg.chart .deadline-text { font-size: 12px; font-weight: 600; fill: currentColor; }
svg.chart .gap line { stroke: #d0d7de; stroke-dasharray: 1 5; stroke-width: 2; }
svg.chart .gap text { font-size: 11px; fill: var(--muted); font-style: italic; }
.empty-trace { padding: 10px 14px; color: var(--muted); margin: 0; }
.msg-detail { border: 1px solid #54aeff; border-radius: 6px; background: #fff; padding: 12px 14px; margin-top: 10px; }
.detail-grid { display: grid; grid-template-columns: minmax(260px, 1fr) 2fr; gap: 20px; }
pre { margin: 0; padding: 8px 10px; background: var(--bg); border: 1px solid #eaeef2; border-radius: 6px; overflow-x: auto;
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; }
pre.hex { white-space: pre; word-break: normal; }
.judged-message p { margin: 8px 0 4px; }
pre.facts { white-space: pre; word-break: normal; }
.decode-error { color: var(--fail); }
ul.judged { margin: 0; padding-left: 0; list-style: none; } ul.judged li { margin: 3px 0; }
details.output { margin-top: 14px; } details.output summary { cursor: pointer; color: var(--muted); }
.harness-errors { margin-top: 10px; color: var(--error); }
.configuration-notes { margin-top: 10px; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; }
`;
