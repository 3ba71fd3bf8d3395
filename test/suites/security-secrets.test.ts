// No key ever leaves its file: after DTLS runs against the bundled device (a good key, a wrong
// key, certificates) and bootstraps that write a PSK or a private key to /0/0/5 (int-1, int-2),
// neither results.json, nor the console output, nor the device's own output (its tail in
// results.json, the whole in target-output.log) holds the PSK key, the wrong key the harness used, or a private key.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dtlsUnavailableReason } from '../../harness/dtls/index.ts';
import { wrongKeyFor } from '../../harness/peers/server/server-security.ts';
import { dtlsProfileFile } from '../support/reference-dtls-profile.ts';
import { parseDocument } from 'yaml';
import { referenceProfileFile } from '../support/reference-profile.ts';
import { projectRoot } from '../support/shared.ts';

const dtlsMissing = dtlsUnavailableReason();
const credential = (name: string) => readFileSync(join(projectRoot, 'fixtures', 'credentials', name), 'utf8');

/** Every form a secret could leak in: hex, text, base64; base64 lines of PEM keys; the private scalar of each key (hex, base64, raw). */
function secrets(): string[] {
  const key = Buffer.from(credential('psk-key.hex').trim(), 'hex');
  const forms = [key.toString('hex'), key.toString('latin1'), key.toString('base64'), key.toString('base64url'), wrongKeyFor(key).toString('hex')];
  for (const pem of ['server-key.pem', 'client-key.pem', 'device-key.pem', 'wrong-server-key.pem', 'untrusted-server-key.pem']) {
    forms.push(...credential(pem).split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
    const scalar = Buffer.from(createPrivateKey(credential(pem)).export({ format: 'jwk' }).d!, 'base64url');
    forms.push(scalar.toString('hex'), scalar.toString('base64'), scalar.toString('base64url'), scalar.toString('latin1'));
  }
  return forms;
}

/** The bundled device's profile claiming PSK and certificates, so that int-1 and int-2 provision it. */
function secureBootstrapProfileFile(dir: string): string {
  const doc = parseDocument(readFileSync(referenceProfileFile, 'utf8'));
  doc.setIn(['name'], 'bundled reference device, PSK and certificate bootstrap');
  doc.setIn(['features', 'security'], ['psk', 'x509']);
  const file = join(dir, 'secure-bootstrap.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

async function run(profile: string | ((dir: string) => string), selection: readonly string[]): Promise<{ console: string; files: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lwm2m-secrets-'));
  try {
    const reports = join(dir, 'reports');
    const profileFile = typeof profile === 'string' ? profile : profile(dir);
    const args = [join(projectRoot, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', profileFile, ...selection, '--report-dir', reports, '--verbose'];
    const r = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
    const files = readdirSync(reports).filter((f) => f.endsWith('.json') || f.endsWith('.jsonl') || f.endsWith('.xml') || f.endsWith('.html') || f.endsWith('.pcapng') || f.endsWith('.log')).map((f) => readFileSync(join(reports, f), f.endsWith('.pcapng') ? 'latin1' : 'utf8')).join('\n');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    return { console: r.stdout + r.stderr, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(dtlsMissing)(`secrets stay out of reports and logs${dtlsMissing ? ` (skipped: ${dtlsMissing})` : ''}`, () => {
  it.concurrent.each(['psk', 'x509'] as const)('%s: results.json, reports, console and device output hold no key', async (mode) => {
    const { console: out, files } = await run(dtlsProfileFile(mode), ['--interface', 'security']);
    expect(files).toMatch(/targetOutput/); // the device's own output is in results.json
    expect(files).toMatch(/----- case \S+ starts/); // and in target-output.log
    expect(files).toMatch(/DTLS/);
    for (const secret of secrets()) {
      expect(out.includes(secret), `console holds ${secret.slice(0, 6)}…`).toBe(false);
      expect(files.includes(secret), `reports hold ${secret.slice(0, 6)}…`).toBe(false);
    }
  }, 120_000);

  it('int-1, int-2: the PSK and private key written to /0/0/5 show in no report, trace or console', async () => {
    const { console: out, files } = await run(secureBootstrapProfileFile, ['--case', '*-int-1', '--case', '*-int-2']);
    expect(files).toMatch(/"id":\s*"LightweightM2M-1\.1-int-2",\s*"title":\s*"[^"]*",\s*"interface":\s*"bootstrap"/);
    expect(files).not.toMatch(/"verdict":\s*"not-applicable"/);
    expect(files).toMatch(/PUT \/0/); // the Bootstrap-Write that carried the keys is in the trace
    for (const secret of secrets()) {
      expect(out.includes(secret), `console holds ${secret.slice(0, 6)}…`).toBe(false);
      expect(files.includes(secret), `reports hold ${secret.slice(0, 6)}…`).toBe(false);
    }
  }, 120_000);
});
