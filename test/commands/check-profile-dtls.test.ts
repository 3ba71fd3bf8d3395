// check-profile tells which DTLS roles and modes this machine offers and why: the addon serves
// both roles and modes; without it (the addon replaced by one that fails to load) the harness's
// client role keeps PSK on the JavaScript client, and a profile needing more is warned about.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DtlsUnavailableError } from '../../harness/dtls/errors.ts';
import { projectRoot } from '../support/shared.ts';

const addon = vi.hoisted(() => ({ missing: false }));
vi.mock('../../harness/dtls/native.ts', async (original) => {
  const real = await original<typeof import('../../harness/dtls/native.ts')>();
  const unavailable = () => new DtlsUnavailableError('Cannot find module build/Release/dtls.node');
  return {
    ...real,
    dtlsNative: () => {
      if (addon.missing) throw unavailable();
      return real.dtlsNative();
    },
    dtlsUnavailableReason: () => (addon.missing ? unavailable().message : real.dtlsUnavailableReason()),
  };
});

const { checkProfileCommand } = await import('../../harness/commands/check-profile.ts');
const { dtlsUnavailableReason } = await import('../../harness/dtls/native.ts');
const addonBuilt = dtlsUnavailableReason() === undefined;

async function checkProfile(name: string): Promise<string> {
  const lines: string[] = [];
  await checkProfileCommand([join(projectRoot, 'fixtures', 'profiles', name)], { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return lines.join('\n');
}

describe('check-profile on DTLS', () => {
  it.skipIf(!addonBuilt)('with the addon: both roles, both modes, and the mbedTLS version', async () => {
    addon.missing = false;
    const out = await checkProfile('reference-server-dtls-psk.yaml');
    expect(out).toMatch(/dtls: {5}native addon built \(.*2\.28/);
    expect(out).toContain('harness as DTLS server (testing devices): psk, x509');
    expect(out).toContain('harness as DTLS client (testing servers): psk, x509 on the native addon');
    expect(out).not.toContain('warning: this profile');
  });

  it('without the addon: PSK clients on the JavaScript client, no server role; a device profile over DTLS is warned about', async () => {
    addon.missing = true;
    try {
      const server = await checkProfile('reference-server-dtls-psk.yaml');
      expect(server).toContain('libmbedtls-dev');
      expect(server).toContain('harness as DTLS server (testing devices): unavailable, it needs the addon');
      expect(server).toContain('harness as DTLS client (testing servers): psk on the JavaScript client (node-dtls-client); x509 needs the addon');
      expect(server).not.toContain('warning: this profile');
      const device = await checkProfile('reference-device-dtls-psk.yaml');
      expect(device).toContain("warning: this profile's psk needs the harness as DTLS server with psk, which this machine lacks");
    } finally {
      addon.missing = false;
    }
  });
});
