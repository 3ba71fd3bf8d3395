// Without the DTLS addon a DTLS case cannot run: its verdict is `error` with a message naming
// the Debian package to install (never a skip, never a fail). The addon is replaced by one that
// fails to load, as on a machine without libmbedtls.
import { describe, expect, it, vi } from 'vitest';
import { DtlsUnavailableError } from '../../harness/dtls/errors.ts';

vi.mock('../../harness/dtls/native.ts', () => ({
  dtlsNative: () => {
    throw new DtlsUnavailableError('Cannot find module build/Release/dtls.node');
  },
  dtlsUnavailableReason: () => new DtlsUnavailableError('Cannot find module build/Release/dtls.node').message,
}));

const { runCases } = await import('../../harness/run/run-cases.ts');
const { securityCases } = await import('../../suites/client/security/index.ts');
const { referenceDtlsProfile } = await import('../support/reference-dtls-profile.ts');

describe('a DTLS profile without the addon', () => {
  it('gives error naming libmbedtls-dev, and not-applicable cases stay not-applicable', async () => {
    const results = await runCases(securityCases, referenceDtlsProfile('psk'));
    const int401 = results.find((r) => r.id === 'LightweightM2M-1.1-int-401')!;
    expect(int401.verdict).toBe('error');
    expect(int401.reason).toMatch(/libmbedtls-dev/);
    expect(results.find((r) => r.id === 'LightweightM2M-1.1-int-402')!.verdict).toBe('not-applicable');
  });
});
