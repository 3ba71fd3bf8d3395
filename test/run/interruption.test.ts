// A run stopped by SIGTERM stops in order: the case running ends with error "interrupted", the
// reports hold what ran, the launched device is gone, the private copy of an environment-given
// key is deleted, and the exit code is 2. A report directory that cannot be written is found
// before the first case, in one line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/shared.ts';
import { dtlsProfileFile } from '../support/reference-dtls-profile.ts';
import { dtlsMissing } from '../dtls/helpers.ts';

const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');
const first = 'LightweightM2M-1.1-int-101';
const interrupted = 'LightweightM2M-1.1-int-102';
const later = 'LightweightM2M-1.1-int-107';

/** The DTLS-PSK reference profile with its key taken from an environment variable instead of a file. */
function envKeyProfile(dir: string): string {
  const text = readFileSync(dtlsProfileFile('psk'), 'utf8');
  const credentials = join(projectRoot, 'fixtures', 'credentials');
  const changed = text
    .replace('key: { file: ../credentials/psk-key.hex }', 'key: { env: LWM2M_CONFORMANCE_TEST_PSK }')
    .replace('identity: { file: ../credentials/psk-identity.txt }', `identity: { file: ${join(credentials, 'psk-identity.txt')} }`);
  if (!changed.includes('env: LWM2M_CONFORMANCE_TEST_PSK') || changed.includes('../credentials')) throw new Error('the DTLS-PSK profile changed; update envKeyProfile');
  const file = join(dir, 'env-key.yaml');
  writeFileSync(file, changed);
  return file;
}

/** Pids of processes whose command line mentions `text` (Linux /proc; empty elsewhere). */
function pidsMentioning(text: string): number[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(dtlsMissing)(`a run interrupted by SIGTERM${dtlsMissing ? ` (skipped: the DTLS addon is not built: ${dtlsMissing})` : ''}`, () => {
  it('ends the case running as interrupted, writes the reports, stops the device, deletes the key copy, exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lwm2m-interrupt-'));
    // A private temporary directory: the key copy, and the device's command line naming it, are found there.
    const privateTmp = join(dir, 'tmp');
    mkdirSync(privateTmp);
    const reportDir = join(dir, 'report');
    const child = spawn(
      process.execPath,
      [bin, 'run', '--profile', envKeyProfile(dir), '--case', first, '--case', interrupted, '--case', later, '--report-dir', reportDir, '--verbose'],
      { cwd: projectRoot, env: { ...process.env, TMPDIR: privateTmp, LWM2M_CONFORMANCE_TEST_PSK: readFileSync(join(projectRoot, 'fixtures', 'credentials', 'psk-key.hex'), 'utf8').trim() } },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; atMs: number }>((resolve) => child.once('exit', (code) => resolve({ code, atMs: performance.now() })));
    // The signal goes once the second case has started (its progress line), never after a sleep.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes(`running ${interrupted}`)) resolve();
      });
      void exited.then(() => reject(new Error(`the run ended before ${interrupted} started:\n${stdout}\n${stderr}`)));
    });
    const devices = pidsMentioning(privateTmp).filter((pid) => pid !== child.pid);
    const keyCopies = readdirSync(privateTmp).filter((name) => name.startsWith('lwm2m-psk-'));
    expect(keyCopies).toHaveLength(1);
    const signalledAt = performance.now();
    child.kill('SIGTERM');
    const { code, atMs } = await exited;

    expect(code, stderr).toBe(2);
    expect(atMs - signalledAt).toBeLessThan(15_000);
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    // The case running when the signal landed: the second, or on a loaded machine (its progress
    // line may come late) the third. The ones before it finished; the rest did not run.
    const selection = [first, interrupted, later];
    const ids = results.cases.map((c: { id: string }) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids).toEqual(selection.slice(0, ids.length));
    for (const c of results.cases.slice(0, -1)) expect(c.verdict).not.toBe('error');
    expect(results.cases.at(-1)).toMatchObject({ verdict: 'error', reason: 'interrupted' });
    expect(results.interrupted).toEqual({ signal: 'SIGTERM', notRun: selection.slice(ids.length) });
    expect(results.harnessErrors).toEqual([]);
    for (const file of ['junit.xml', 'index.html', 'trace.pcapng']) expect(existsSync(join(reportDir, file)), file).toBe(true);
    expect(stdout).toContain('interrupted by SIGTERM');
    // The launched device is gone, and so is the private copy of the key.
    if (existsSync('/proc/self/cmdline')) expect(devices.length).toBeGreaterThan(0);
    expect(devices.filter(alive)).toEqual([]);
    expect(readdirSync(privateTmp).filter((name) => name.startsWith('lwm2m-psk-'))).toEqual([]);
  }, 120_000);
});

describe('a report directory that cannot be written', () => {
  it('is named in one line before any case runs, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lwm2m-report-dir-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const reportDir = join(file, 'report');
    const child = spawn(process.execPath, [bin, 'run', '--profile', join(projectRoot, 'fixtures', 'profiles', 'reference-device.yaml'), '--case', first, '--report-dir', reportDir], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: cannot write the reports to ${reportDir}: .*not a directory`));
  }, 60_000);
});
