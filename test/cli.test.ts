// The command line as users and CI see it: exit codes, console lines and results.json.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/shared.ts';
import { referenceProfileFile } from './support/reference-profile.ts';

const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: projectRoot, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr };
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'lwm2m-cli-'));

describe('lwm2m-conformance run', () => {
  it('runs a case against the bundled device, prints its line and summary, writes results.json, exits 0', async () => {
    const dir = tmp();
    const r = await cli(['run', '--profile', referenceProfileFile, '--case', '*int-101', '--report-dir', dir]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\[1\/1\] PASS\s+LightweightM2M-1\.1-int-101\s+Initial Registration {2}\(\d+\.\d s elapsed, \d+\.\d s waiting\)/);
    // The device's whole output beside the reports, listed with them.
    expect(readFileSync(join(dir, 'target-output.log'), 'utf8')).toContain('----- case LightweightM2M-1.1-int-101 starts');
    expect(r.stdout).toContain(join(dir, 'target-output.log'));
    expect(r.stdout).toMatch(/registration\s+1\s+0\s+0\s+0\s+0/);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ schemaVersion: 2, profile: { name: 'bundled reference device' }, summary: { total: 1 } });
    expect(typeof results.startedAt).toBe('string');
    expect(typeof results.durationMs).toBe('number');
    const [c] = results.cases;
    expect(c).toMatchObject({ id: 'LightweightM2M-1.1-int-101', title: 'Initial Registration', interface: 'registration', verdict: 'pass' });
    for (const check of c.checks) expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'level', 'verdict', 'description', 'expected', 'actual']));
    expect(c.trace.some((t: { summary: string }) => t.summary.includes('POST /rd?ep='))).toBe(true);
    // Every datagram, with its case, in trace.jsonl; results.json keeps the judged ones.
    const datagrams = readFileSync(join(dir, 'trace.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(datagrams.every((t: { case: string }) => t.case === c.id)).toBe(true);
    expect(datagrams.length).toBe(c.trace.length + (c.traceOmitted ?? 0));
  }, 60_000);

  it('a target that sends nothing gets fail with the missed deadline, not a hang; exit 1', async () => {
    const dir = tmp();
    const profile = join(dir, 'silent.yaml');
    writeFileSync(
      profile,
      `name: silent device\ntarget: { role: client, lwm2mVersion: "1.1", endpoint: nobody }\n` +
        `timing: { registerWithin: 0.5, reactionWithin: 0.5, caseDeadline: 10 }\nlaunch: { kind: external }\n`,
    );
    const started = performance.now();
    const r = await cli(['run', '--profile', profile, '--case', '*int-101', '--case', '*int-102', '--report-dir', dir]);
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(performance.now() - started).toBeLessThan(30_000);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    const [int101, int102] = results.cases;
    expect(int101.verdict).toBe('fail');
    expect(int101.checks[0]).toMatchObject({ id: 'A', verdict: 'fail', actual: 'nothing within 0.5 s' });
    expect(int102.verdict).toBe('inconclusive');
    expect(int102.reason).toContain('did not register');
    expect(r.stdout).toContain('expected: received within 0.5 s');
  }, 60_000);

  it('writes all five outputs; a harness or environment error exits 2', async () => {
    const dir = tmp();
    const profile = join(dir, 'broken-launch.yaml');
    writeFileSync(
      profile,
      `name: device that cannot start\ntarget: { role: client, lwm2mVersion: "1.1", endpoint: e }\n` +
        `timing: { startWithin: 1, registerWithin: 0.5, caseDeadline: 10 }\n` +
        `launch: { kind: process, command: ${join(dir, 'no-such-binary')} }\n`,
    );
    const r = await cli(['run', '--profile', profile, '--case', '*int-101', '--report-dir', dir]);
    expect(r.code, r.stderr + r.stdout).toBe(2);
    for (const file of ['results.json', 'junit.xml', 'index.html', 'trace.pcapng']) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(readdirSync(join(dir, 'allure-results')).some((f) => f.endsWith('-result.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).cases[0].verdict).toBe('error');
  }, 60_000);

  it('--verbose prints every check; --quiet prints no passing case; no colour when not a terminal', async () => {
    const verbose = await cli(['run', '--profile', referenceProfileFile, '--case', '*int-101', '--report-dir', tmp(), '--verbose']);
    expect(verbose.code, verbose.stderr + verbose.stdout).toBe(0);
    expect(verbose.stdout).toMatch(/running LightweightM2M-1\.1-int-101 \(1\/1/);
    expect(verbose.stdout).toMatch(/pass +A \[MUST\] The client sends Register/);
    expect(verbose.stdout + verbose.stderr).not.toContain('\x1b[');
    const quiet = await cli(['run', '--profile', referenceProfileFile, '--case', '*int-101', '--report-dir', tmp(), '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('[1/1] PASS');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/total\s+1\s+0/);
  }, 60_000);

  it('a bad profile exits 3 with file, line and field', async () => {
    const dir = tmp();
    const profile = join(dir, 'bad.yaml');
    writeFileSync(profile, `name: x\ntarget:\n  role: client\n  lwm2mVersion: 1.1\n  endpoint: e\n  lifetim: 3\n`);
    const r = await cli(['run', '--profile', profile]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${profile}:6:3: target.lifetim: unknown key "lifetim"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('bad flags, unknown commands and a missing profile file exit 3 without a stack trace', async () => {
    for (const args of [['run', '--profil', 'x'], ['nonsense'], ['run', '--profile', '/nonexistent.yaml'], ['device', '--server', 'coap://127.0.0.1:1', '--endpoint', 'e', '--fault', 'nope'], ['serve', '--port', '0', '--profile-id', '6:ab=</1/0'], ['serve', '--port', '0', '--psk-identity', 'id'], ['serve', '--port', '0', '--psk-identity', 'id', '--psk-key-file', '/nonexistent.hex'], ['run', '--profile', referenceProfileFile, '--case', 'nothing-*'], ['run', '--profile', referenceProfileFile, '--objects', '/nonexistent']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('--help of run, merge-reports and matrix', () => {
  it('lists every option of each command; the command list names them', async () => {
    const options: Record<string, string[]> = {
      run: ['--profile', '--case', '--interface', '--tag', '--report-dir', '--quiet', '--verbose', '--baseline', '--update-baseline', '--impair', '--seed', '--history-limit', '--shard'],
      'merge-reports': ['--out', '--baseline', '--quiet'],
      matrix: ['--out', '--format'],
    };
    for (const [command, flags] of Object.entries(options)) {
      const r = await cli([command, '--help']);
      expect(r.code, command).toBe(0);
      // Each option is explained on a line of its own, not only named in the usage line.
      for (const flag of flags) expect(r.stdout, `${command} ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    }
    const usage = await cli(['--help']);
    expect(usage.stdout).toMatch(/^\s+merge-reports\s/m);
    expect(usage.stdout).toMatch(/^\s+matrix\s/m);
  });

  it('a bad --shard, or --shard with --update-baseline, exits 3 with one line', async () => {
    for (const args of [['--shard', '0/3'], ['--shard', '2'], ['--shard', '1/2', '--baseline', 'b.json', '--update-baseline']]) {
      const r = await cli(['run', '--profile', referenceProfileFile, ...args]);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    }
  });
});

describe('lwm2m-conformance list', () => {
  it('lists cases with their applicability for a profile', async () => {
    const r = await cli(['list', '--profile', referenceProfileFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/LightweightM2M-1\.1-int-103\tclient\tregistration\tDeregistration\tapplies/);
    expect(r.stdout).not.toMatch(/\tserver\t/);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(7);
  });
});
