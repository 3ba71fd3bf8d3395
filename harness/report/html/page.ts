// index.html: the run report for people, one self-contained file (inline CSS, script and the
// data the script draws charts from; nothing fetched), readable from file:// and as a CI artifact.
import type { ObjectModel } from '../../lwm2m/model/index.ts';
import type { RunReport } from '../run-report.ts';
import { escapeXml as esc } from '../xml.ts';
import { behaviour } from './behaviour.ts';
import { traceData } from './case-data.ts';
import { caseView } from './case-view.ts';
import { style } from './style.ts';
import { traceView } from './trace-view.ts';
import { filters, runFacts, summaryTable } from './summary.ts';

/** The page; payloads are decoded with `model` (the built-in objects plus the user's, when given). */
export function reportHtml(report: RunReport, model?: ObjectModel): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(`LwM2M conformance: ${report.profile.name}`)}</title>
<style>${style}</style>
</head>
<body>
<main>
${runFacts(report)}
${summaryTable(report)}
<h2>Cases</h2>
${filters(report)}
<section class="cases">
${report.cases.map((c) => caseView(c, model)).join('\n')}
</section>
<footer>Written by ${esc(report.tool.name)} ${esc(report.tool.version)}. Machine-readable: results.json (schema version ${report.schemaVersion}), trace.jsonl, junit.xml, trace.pcapng.</footer>
</main>
<script type="application/gzip+base64" id="trace-data">${traceData(report, model)}</script>
<script>${traceView}${behaviour}</script>
</body>
</html>
`;
}
