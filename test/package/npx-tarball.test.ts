// The package as users get it: `npm pack`, installed from the tarball into an empty directory,
// then `npx lwm2m-conformance list` and one NoSec case from there, on the installed package's own
// fixtures. The tarball carries what the command and the addon build need, and no tests or
// reports. The install builds the DTLS addon when it can; the NoSec case runs either way.
// Dependencies come from npm's cache where they are, else the registry: about half a minute here.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/shared.ts';

/** npm's variables from a surrounding `npm test` would point the inner npm at this project. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

function sh(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout: timeoutMs, maxBuffer: 32 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface PackedFile {
  path: string;
}

describe('the packed package, installed into an empty directory', () => {
  let dir: string;
  let files: string[] = [];
  let installed = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lwm2m-npx-'));
    const pack = await sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], projectRoot, 60_000);
    expect(pack.code, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: PackedFile[] }[];
    files = info!.files.map((f) => f.path);
    writeFileSync(join(dir, 'package.json'), '{ "name": "lwm2m-npx-check", "private": true }\n');
    const started = performance.now();
    const install = await sh('npm', ['install', join(dir, info!.filename), '--no-audit', '--no-fund', '--prefer-offline'], dir, 240_000);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    expect(install.code, `npm install after ${seconds} s: ${install.stderr.slice(-2000)}`).toBe(0);
    installed = join(dir, 'node_modules', 'lwm2m-conformance');
    console.log(`npm install of the tarball: ${seconds} s; DTLS addon ${existsSync(join(installed, 'build', 'Release', 'dtls.node')) ? 'built' : 'not built'}`);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the tarball holds the command, harness, suites, fixtures, schemas, the addon sources and README; no tests or reports', () => {
    for (const needed of ['bin/lwm2m-conformance.js', 'harness/cli.ts', 'suites/index.ts', 'fixtures/profiles/reference-device.yaml',
      'schemas/profile.schema.json', 'binding.gyp', 'native/dtls.c', 'README.md', 'package.json']) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((f) => /^(test|reports|bench|build|node_modules|scripts|\.ci)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(existsSync(join(installed, pkg.bin['lwm2m-conformance']!))).toBe(true);
  });

  it('npx lwm2m-conformance list names the cases', async () => {
    const list = await sh('npx', ['--no', 'lwm2m-conformance', 'list'], dir, 60_000);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/LightweightM2M-1\.1-int-101\s+client\s+registration\s+Initial Registration/);
  });

  it("npx lwm2m-conformance run passes int-101 against the bundled device, on the installed package's profile", async () => {
    const profile = join(installed, 'fixtures', 'profiles', 'reference-device.yaml');
    const run = await sh('npx', ['--no', 'lwm2m-conformance', 'run', '--profile', profile, '--case', '*int-101', '--report-dir', join(dir, 'reports')], dir, 120_000);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+LightweightM2M-1\.1-int-101/);
    expect(existsSync(join(dir, 'reports', 'results.json'))).toBe(true);
  }, 120_000);
});
