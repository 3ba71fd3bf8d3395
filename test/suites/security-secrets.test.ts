// No key ever leaves its file: after DTLS runs against the bundled device (a good key, a wrong
// key, certificates), neither results.json, nor the console output, nor the device's own output
// (kept in results.json) holds the PSK key, the wrong key the harness used, or a private key.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dtlsUnavailableReason } from '../../harness/dtls/index.ts';
import { wrongKeyFor } from '../../harness/peers/server/server-security.ts';
import { dtlsProfileFile } from '../support/reference-dtls-profile.ts';
import { projectRoot } from '../support/shared.ts';

const dtlsMissing = dtlsUnavailableReason();
const credential = (name: string) => readFileSync(join(projectRoot, 'fixtures', 'credentials', name), 'utf8');

/** Every form a secret could leak in: hex, text, base64 lines of PEM keys. */
function secrets(): string[] {
  const key = Buffer.from(credential('psk-key.hex').trim(), 'hex');
  const forms = [key.toString('hex'), key.toString('latin1'), key.toString('base64'), wrongKeyFor(key).toString('hex')];
  for (const pem of ['server-key.pem', 'client-key.pem', 'wrong-server-key.pem', 'untrusted-server-key.pem']) {
    forms.push(...credential(pem).split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
  }
  return forms;
}

async function run(profile: string, interfaceName: string): Promise<{ console: string; files: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lwm2m-secrets-'));
  try {
    const args = [join(projectRoot, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', profile, '--interface', interfaceName, '--report-dir', dir, '--verbose'];
    const r = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.xml') || f.endsWith('.html')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    return { console: r.stdout + r.stderr, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(dtlsMissing)(`secrets stay out of reports and logs${dtlsMissing ? ` (skipped: ${dtlsMissing})` : ''}`, () => {
  it.concurrent.each(['psk', 'x509'] as const)('%s: results.json, reports, console and device output hold no key', async (mode) => {
    const { console: out, files } = await run(dtlsProfileFile(mode), 'security');
    expect(files).toMatch(/targetOutput/); // the device's own output is in results.json
    expect(files).toMatch(/DTLS/);
    for (const secret of secrets()) {
      expect(out.includes(secret), `console holds ${secret.slice(0, 6)}…`).toBe(false);
      expect(files.includes(secret), `reports hold ${secret.slice(0, 6)}…`).toBe(false);
    }
  }, 120_000);
});
