// Without the DTLS addon a DTLS case cannot run: its verdict is `error` with a message naming
// the Debian package to install (never a skip, never a fail). The addon is replaced by one that
// fails to load, as on a machine without libmbedtls. Testing a server over DTLS-PSK still works:
// the simulated clients take the JavaScript DTLS client by themselves.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DtlsUnavailableError } from '../../harness/dtls/errors.ts';
import { parseProfile } from '../../harness/targets/profile.ts';
import { projectRoot } from '../support/shared.ts';

vi.mock('../../harness/dtls/native.ts', () => ({
  dtlsNative: () => {
    throw new DtlsUnavailableError('Cannot find module build/Release/dtls.node');
  },
  dtlsUnavailableReason: () => new DtlsUnavailableError('Cannot find module build/Release/dtls.node').message,
}));

const { runCases } = await import('../../harness/run/run-cases.ts');
const { securityCases } = await import('../../suites/client/security/index.ts');
const { referenceDtlsProfile } = await import('../support/reference-dtls-profile.ts');
const { serverCases } = await import('../../suites/server/index.ts');
const { JsDtlsClientTransport } = await import('../../harness/dtls/js-client.ts');

// The reference server under test runs in a process of its own, where the real addon loads.
const serverAddon = existsSync(join(projectRoot, 'build', 'Release', 'dtls.node'));

describe('a DTLS profile without the addon', () => {
  it('gives error naming libmbedtls-dev, and not-applicable cases stay not-applicable', async () => {
    const results = await runCases(securityCases, referenceDtlsProfile('psk'));
    const int401 = results.find((r) => r.id === 'LightweightM2M-1.1-int-401')!;
    expect(int401.verdict).toBe('error');
    expect(int401.reason).toMatch(/libmbedtls-dev/);
    expect(results.find((r) => r.id === 'LightweightM2M-1.1-int-402')!.verdict).toBe('not-applicable');
  });
});

describe.skipIf(!serverAddon)(`a server profile over DTLS-PSK without the addon${serverAddon ? '' : ' (skipped: the reference server under test needs the addon built)'}`, () => {
  it('runs: the simulated clients handshake on the JavaScript client, unasked', async () => {
    const file = join(projectRoot, 'fixtures', 'profiles', 'reference-server-dtls-psk.yaml');
    const profile = parseProfile(readFileSync(file, 'utf8'), file);
    const js = vi.spyOn(JsDtlsClientTransport, 'connect');
    const [result] = await runCases(serverCases.filter((c) => c.id === 'LightweightM2M-1.1-int-101'), profile);
    expect([result!.verdict, result!.reason ?? '']).toEqual(['pass', '']);
    expect(js).toHaveBeenCalled();
  }, 60_000);
});
