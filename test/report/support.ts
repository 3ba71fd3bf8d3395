// Support for the report tests: the command line as CI runs it, a real run against the bundled
// device with one fault forced (so every output has a failed case to show), and small
// synthetic reports for unit tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CaseData } from '../../harness/report/html/case-data.ts';
import type { RunReport } from '../../harness/report/run-report.ts';
import { configurationNotesOf, resultsSchemaVersion, summarize } from '../../harness/report/run-report.ts';
import { readResults } from '../../harness/report/read-results.ts';
import { encodeMessage, type CoapMessage } from '../../harness/coap/message.ts';
import type { CaseResult, TraceEntry } from '../../harness/run/result.ts';
import { toTraceEntries } from '../../harness/run/trace-entries.ts';
import { projectRoot } from '../support/shared.ts';
import { referenceProfileFile } from '../support/reference-profile.ts';

export { projectRoot };

const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: projectRoot, timeout: 90_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export const tmp = (prefix = 'lwm2m-report-') => mkdtempSync(join(tmpdir(), prefix));

/** Deadlines for what the device does by itself, widened: these tests share two cores with the rest of the suite. */
const relaxedTiming: Record<string, number> = { startWithin: 60, registerWithin: 20, responseWithin: 10 };

/**
 * The shipped reference profile with device faults added to its launch args, as a file. The
 * deadlines a fault makes the device miss stay as shipped, so the failing check fails as fast.
 */
export function faultyProfileFile(dir: string, faults: readonly string[]): string {
  const text = readFileSync(referenceProfileFile, 'utf8');
  let withFaults = text.replace('"{endpoint}",', `"{endpoint}"${faults.map((f) => `, --fault, ${f}`).join('')},`);
  if (faults.length && withFaults === text) throw new Error('reference profile launch args changed; update faultyProfileFile');
  for (const [key, seconds] of Object.entries(relaxedTiming)) withFaults = withFaults.replace(new RegExp(`^(\\s+${key}):\\s*[\\d.]+`, 'm'), `$1: ${seconds}`);
  const file = join(dir, 'faulty.yaml');
  writeFileSync(file, withFaults);
  return file;
}

/** The cases of the forced-failure run: int-103 fails on check B (the device never de-registers), the others pass. */
export const faultyRunCases = ['LightweightM2M-1.1-int-101', 'LightweightM2M-1.1-int-103', 'LWM2MC-REG-001'];
export const faultyCaseId = 'LightweightM2M-1.1-int-103';
export const faultyCheckId = 'B';
export const forcedFault = 'disable-without-deregister';

export interface FaultyRun extends CliResult {
  dir: string;
  report: RunReport;
}

let cached: Promise<FaultyRun> | undefined;

/** One real run per test file, shared by its tests. */
export function faultyRun(): Promise<FaultyRun> {
  cached ??= (async () => {
    const dir = tmp();
    const profile = faultyProfileFile(dir, [forcedFault]);
    const result = await cli(['run', '--profile', profile, ...faultyRunCases.flatMap((id) => ['--case', id]), '--report-dir', join(dir, 'report'), '--quiet']);
    // Every datagram of each case: results.json with trace.jsonl joined back.
    const { report } = await readResults(join(dir, 'report'), { traces: true });
    return { ...result, dir: join(dir, 'report'), report };
  })();
  return cached;
}

export function syntheticCase(overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'LightweightM2M-1.1-int-101',
    title: 'Initial Registration',
    interface: 'registration',
    tests: 'client',
    ref: 'OMA-ETS int-101',
    verdict: 'pass',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    checks: [{ id: 'A', level: 'MUST', verdict: 'pass', description: 'Register arrives', expected: 'received', actual: 'POST /rd', at: 0, atMs: 5 }],
    notes: [],
    trace: [
      {
        seq: 0,
        atMs: 5,
        direction: 'in',
        endpoint: 'server',
        from: '127.0.0.1:40000',
        to: '127.0.0.1:5683',
        summary: 'CON 0.02 POST /rd mid=1',
        type: 'CON',
        code: '0.02',
        messageId: 1,
        token: '01',
        options: [{ name: 'UriPath', value: 'rd' }],
        bytesHex: '41020001' + '01' + 'b2' + Buffer.from('rd').toString('hex'),
      },
    ],
    ...overrides,
  };
}

export function syntheticReport(cases: CaseResult[]): RunReport {
  return {
    schemaVersion: resultsSchemaVersion,
    tool: { name: 'lwm2m-conformance', version: '0.0.0' },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5000,
    profile: { name: 'synthetic <device> & "co"', file: '/tmp/p.yaml', role: 'client', lwm2mVersion: '1.1', endpoint: 'ep' },
    environment: { node: 'v20', platform: 'linux', arch: 'x64' },
    summary: summarize(cases),
    harnessErrors: [],
    configurationNotes: configurationNotesOf(cases),
    cases,
  };
}

/** Trace entries as a case records them, from CoAP messages sent and received by the harness's server. */
export function traceOf(messages: { direction: 'in' | 'out'; message: CoapMessage }[]): TraceEntry[] {
  const local = { address: '127.0.0.1', port: 5683 };
  const remote = { address: '127.0.0.1', port: 40000 };
  const records = messages.map(({ direction, message }, seq) => ({
    seq, atMs: 10 + seq, wallTime: '2026-01-01T00:00:00.000Z', direction, endpoint: 'server', local, remote, bytes: encodeMessage(message), message,
  }));
  return toTraceEntries(records, 0);
}

/**
 * A failed case whose judged message is a Read answered in Content-Format 50
 * (application/json) where SenML JSON (110) was asked for; the body is SenML JSON all the same.
 */
export function jsonFailureCase(): CaseResult {
  const token = Buffer.from('a1b2', 'hex');
  const body = '[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"9","v":87}]';
  const trace = traceOf([
    { direction: 'out', message: { type: 'CON', code: '0.01', messageId: 7, token, options: [{ number: 11, value: Buffer.from('3') }, { number: 11, value: Buffer.from('0') }, { number: 17, value: Buffer.from([110]) }], payload: Buffer.alloc(0) } },
    {
      direction: 'in',
      message: { type: 'ACK', code: '2.05', messageId: 7, token, options: [{ number: 4, value: Buffer.from('beef', 'hex') }, { number: 12, value: Buffer.from([50]) }], payload: Buffer.from(body) },
    },
  ]);
  return syntheticCase({
    id: 'LightweightM2M-1.1-int-231',
    title: 'Querying basic information in SenML JSON format',
    interface: 'management',
    verdict: 'fail',
    checks: [{ id: 'B', level: 'MUST', verdict: 'fail', description: 'The answer is in SenML JSON', expected: 110, actual: 50, at: 1, atMs: 11 }],
    trace,
  });
}

/** The data index.html draws each case's chart and message details from, in case order. */
export function caseData(html: string): CaseData[] {
  const packed = /<script type="application\/gzip\+base64" id="trace-data">([^<]*)<\/script>/.exec(html)![1]!;
  return Object.values(JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8')) as Record<string, CaseData>);
}

const plainEntry = syntheticCase().trace[0]!;
/** A run under network impairment: the case's second message dropped, its third delayed 35 ms. */
export const impairedReport: RunReport = {
  ...syntheticReport([
    syntheticCase({
      trace: [
        plainEntry,
        { ...plainEntry, seq: 1, atMs: 6, summary: `${plainEntry.summary} [dropped by impairment]`, impairment: 'dropped' },
        { ...plainEntry, seq: 2, atMs: 40, summary: `${plainEntry.summary} [delayed 35 ms by impairment]`, impairment: 'delayed', impairmentDelayMs: 35 },
      ],
    }),
  ]),
  impairment: { spec: 'loss=5%,dup=1%', seed: 42 },
};
