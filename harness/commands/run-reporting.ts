// What `run` needs once cases finish: their console lines, the report files, and the object
// model that shows payloads in both. `run` loads it while the first case runs: none of it is
// needed to start the runner.
export { caseLine, checkLines, failureLines, summaryLines } from '../report/console.ts';
export { writeReports } from '../report/write-reports.ts';
export { modelFor } from './decode.ts';
