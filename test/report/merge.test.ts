// Sharding and merge-reports: a selection run in 3 shards and joined gives the verdicts and
// counts of the same selection run whole, as a complete, valid report set; reports that cannot
// be joined (other targets, a missing shard, a case twice) are refused with one line, exit 3;
// merge-reports exits as run would.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { writeResultsJson } from '../../harness/report/results-json.ts';
import { mergeReports } from '../../harness/report/merge/merge-reports.ts';
import type { RunReport } from '../../harness/report/run-report.ts';
import { summarize } from '../../harness/report/run-report.ts';
import type { CaseResult } from '../../harness/run/result.ts';
import { UsageError } from '../../harness/errors.ts';
import { referenceProfileFile } from '../support/reference-profile.ts';
import { cli, projectRoot, syntheticCase, syntheticReport, tmp } from './support.ts';

const schema = JSON.parse(readFileSync(join(projectRoot, 'schemas', 'results.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const problems = () => JSON.stringify(validate.errors, null, 2);

const tshark = await new Promise<boolean>((resolve) => execFile('tshark', ['--version'], (error) => resolve(!error)));

const ids = ['LightweightM2M-1.1-int-101', 'LightweightM2M-1.1-int-102', 'LightweightM2M-1.1-int-103', 'LWM2MC-REG-001'];
const order = (c: CaseResult) => ids.indexOf(c.id);
const caseOf = (id: string, verdict: CaseResult['verdict'] = 'pass', iface: CaseResult['interface'] = 'registration') => syntheticCase({ id, verdict, interface: iface, ...(verdict === 'pass' ? {} : { reason: verdict }) });

function shardReport(index: number, count: number, cases: CaseResult[], selected = 4): RunReport {
  return { ...syntheticReport(cases), shard: { index, count, selected }, startedAt: `2026-01-01T00:0${index}:00.000Z` };
}

const input = (dir: string, report: RunReport) => ({ dir, report });

describe('merging reports', () => {
  it('orders cases by catalogue, counts again, spans the shards and lists them', () => {
    const merged = mergeReports(
      [
        input('b', shardReport(2, 2, [caseOf(ids[1]!, 'fail'), caseOf(ids[3]!)])),
        input('a', shardReport(1, 2, [caseOf(ids[2]!), caseOf(ids[0]!, 'not-applicable')])),
      ],
      order,
    );
    expect(merged.cases.map((c) => c.id)).toEqual(ids);
    expect(merged.summary).toEqual(summarize(merged.cases));
    expect(merged.summary.byVerdict).toMatchObject({ pass: 2, fail: 1, 'not-applicable': 1 });
    expect(merged.startedAt).toBe('2026-01-01T00:01:00.000Z');
    expect(merged.durationMs).toBe(60_000 + 5000);
    expect(merged.shards!.map((s) => [s.dir, s.shard!.index, s.cases])).toEqual([['a', 1, 2], ['b', 2, 2]]);
    expect(merged.shard).toBeUndefined();
    expect(validate(merged), problems()).toBe(true);
  });

  it('refuses other targets, a missing or repeated shard, other splits or selections, and a case twice', () => {
    const one = shardReport(1, 2, [caseOf(ids[0]!)]);
    const two = shardReport(2, 2, [caseOf(ids[1]!)]);
    const refuse = (inputs: ReturnType<typeof input>[], message: RegExp) => {
      expect(() => mergeReports(inputs, order)).toThrow(UsageError);
      expect(() => mergeReports(inputs, order)).toThrow(message);
    };
    refuse([input('a', one), input('b', { ...two, profile: { ...two.profile, name: 'another device' } })], /different targets: a has .* b has "another device"/);
    refuse([input('a', one), input('b', { ...two, profile: { ...two.profile, lwm2mVersion: '1.2' } })], /different targets/);
    refuse([input('a', one), input('b', { ...two, impairment: { spec: 'loss=5%', seed: 1 } })], /different network impairment/);
    refuse([input('a', one)], /missing shard 2\/2/);
    refuse([input('a', one), input('b', { ...one, cases: [caseOf(ids[1]!)] })], /shard 1\/2 given twice: a and b/);
    refuse([input('a', one), input('b', shardReport(2, 3, [caseOf(ids[1]!)]))], /different splits/);
    refuse([input('a', one), input('b', shardReport(2, 2, [caseOf(ids[1]!)], 5))], /different selections/);
    refuse([input('a', one), input('b', shardReport(2, 2, [caseOf(ids[0]!)]))], new RegExp(`case ${ids[0]} is in more than one report`));
    refuse([input('a', one), input('b', syntheticReport([caseOf(ids[1]!)]))], /is a whole run/);
    // Whole runs of different selections join.
    expect(mergeReports([input('a', syntheticReport([caseOf(ids[0]!)])), input('b', syntheticReport([caseOf(ids[1]!)]))], order).cases).toHaveLength(2);
  });

  it('the command: exit 1 on a failure, 2 on an error verdict or harness error, 3 with one line when the reports do not join', async () => {
    const dir = tmp('lwm2m-merge-');
    const write = async (name: string, report: RunReport) => {
      await writeResultsJson(join(dir, name), report);
      return join(dir, name);
    };
    const pass = await write('pass', syntheticReport([caseOf(ids[0]!)]));
    const fail = await write('fail', syntheticReport([caseOf(ids[1]!, 'fail')]));
    const error = await write('error', syntheticReport([caseOf(ids[2]!, 'error')]));
    const broken = await write('broken', { ...syntheticReport([caseOf(ids[3]!)]), harnessErrors: ['a worker crashed'] });
    const half = await write('half', shardReport(1, 2, [caseOf(ids[0]!)]));
    const other = await write('other', { ...syntheticReport([caseOf(ids[3]!)]), profile: { ...syntheticReport([]).profile, name: 'other device' } });

    expect((await cli(['merge-reports', pass, '--out', join(dir, 'o1')])).code).toBe(0);
    expect((await cli(['merge-reports', pass, fail, '--out', join(dir, 'o2')])).code).toBe(1);
    expect((await cli(['merge-reports', pass, fail, error, '--out', join(dir, 'o3')])).code).toBe(2);
    const harness = await cli(['merge-reports', pass, broken, '--out', join(dir, 'o4')]);
    expect(harness.code).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 'o4', 'results.json'), 'utf8')).harnessErrors).toEqual([`${broken}: a worker crashed`]);

    // The merged traces come from each report's trace.jsonl; a results.json of version 1 kept them itself.
    const noTraces = await write('no-traces', syntheticReport([caseOf(ids[1]!)]));
    rmSync(join(noTraces, 'trace.jsonl'));
    const version1 = join(dir, 'version-1');
    mkdirSync(version1);
    writeFileSync(join(version1, 'results.json'), JSON.stringify({ ...syntheticReport([caseOf(ids[1]!)]), schemaVersion: 1 }));
    expect((await cli(['merge-reports', pass, version1, '--out', join(dir, 'o5')])).code).toBe(0);
    const joined = JSON.parse(readFileSync(join(dir, 'o5', 'results.json'), 'utf8')) as RunReport;
    expect(joined.schemaVersion).toBe(2);
    expect(readFileSync(join(dir, 'o5', 'trace.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);

    for (const [args, message] of [
      [[pass, other], /^error: merge-reports: the reports test different targets/],
      [[half], /^error: merge-reports: missing shard 2\/2/],
      [[pass, pass], /^error: merge-reports: .* is given twice/],
      [[join(dir, 'nothing-here')], /^error: .*results\.json: no such file/],
      [[pass, noTraces], /^error: .*trace\.jsonl: no such file/],
    ] as const) {
      const r = await cli(['merge-reports', ...args, '--out', join(dir, 'refused')]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli(['merge-reports', pass, '--out', pass])).code).toBe(3);
    expect((await cli(['merge-reports', pass])).code).toBe(3);
  }, 60_000);
});

// A real selection of ten quick cases over two interfaces, run whole and in three shards.
const selection = ['*int-10?', 'LWM2MC-REG-*', '*int-201', '*int-203'].flatMap((g) => ['--case', g]);

describe('a sharded run of the bundled device, merged', () => {
  it('gives the verdicts and counts of the unsharded run, as a complete, valid report set', async () => {
    const dir = tmp('lwm2m-shards-');
    const run = (extra: string[], out: string) => cli(['run', '--profile', referenceProfileFile, ...selection, ...extra, '--report-dir', join(dir, out), '--quiet']);
    const read = (out: string) => JSON.parse(readFileSync(join(dir, out, 'results.json'), 'utf8')) as RunReport;

    const whole = await run([], 'whole');
    expect(whole.code, whole.stderr).toBe(0);
    const shards = [];
    for (const i of [1, 2, 3]) {
      const shard = await run(['--shard', `${i}/3`], `shard-${i}`);
      expect(shard.code, shard.stderr).toBe(0);
      const report = read(`shard-${i}`);
      expect(report.shard).toEqual({ index: i, count: 3, selected: 10 });
      expect(validate(report), problems()).toBe(true);
      shards.push(report);
    }
    // Every case in one shard, and both interfaces spread.
    expect(shards.flatMap((s) => s.cases.map((c) => c.id)).sort()).toEqual(read('whole').cases.map((c) => c.id).sort());
    for (const s of shards) expect(s.cases.length).toBeGreaterThanOrEqual(3);

    const merge = await cli(['merge-reports', ...[3, 1, 2].map((i) => join(dir, `shard-${i}`)), '--out', join(dir, 'merged')]);
    expect(merge.code, merge.stderr).toBe(0);
    const merged = read('merged');
    const expected = read('whole');
    expect(validate(merged), problems()).toBe(true);
    expect(merged.cases.map((c) => [c.id, c.verdict])).toEqual(expected.cases.map((c) => [c.id, c.verdict]));
    expect(merged.summary).toEqual(expected.summary);
    expect(merged.summary.total).toBe(10);
    expect(merged.shards!.map((s) => s.shard!.index)).toEqual([1, 2, 3]);

    const junit = readFileSync(join(dir, 'merged', 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(10);
    expect(junit).toMatch(/<testsuites [^>]*tests="10"/);
    const html = readFileSync(join(dir, 'merged', 'index.html'), 'utf8');
    for (const c of merged.cases) expect(html).toContain(`id="case-${c.id}"`);
    // The merged trace.jsonl holds every datagram of every shard, which results.json only counts.
    const lines = (out: string) => readFileSync(join(dir, out, 'trace.jsonl'), 'utf8').trim().split('\n');
    const datagrams = lines('merged');
    expect([...datagrams].sort()).toEqual([1, 2, 3].flatMap((i) => lines(`shard-${i}`)).sort());
    expect(datagrams.length).toBe(merged.cases.reduce((n, c) => n + c.trace.length + (c.traceOmitted ?? 0), 0));

    if (tshark) {
      const packets = await new Promise<string[]>((resolve, reject) =>
        execFile('tshark', ['-r', join(dir, 'merged', 'trace.pcapng'), '-T', 'fields', '-e', 'frame.number'], (error, stdout, stderr) =>
          error ? reject(new Error(stderr)) : resolve(stdout.split('\n').filter((l) => l.trim())),
        ),
      );
      expect(packets.length).toBe(datagrams.length);
    } else {
      console.warn('tshark not installed (Debian package tshark): merged trace.pcapng not read back');
    }
  }, 300_000);
});
