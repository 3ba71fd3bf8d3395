// What DTLS this machine offers, role by role, and why: the native addon (mbedTLS) serves both
// roles and both modes; without it only the harness's client role runs, with PSK, on the
// JavaScript client. check-profile prints it; nothing here touches a socket.
import { chooseClientStack, clientStackVariable } from './client-stack.ts';
import { dtlsNative, dtlsUnavailableReason } from './native.ts';

export interface DtlsAvailability {
  /** The addon loads; with its mbedTLS version. */
  addon: { built: true; mbedtls: string } | { built: false; reason: string };
  /** The harness as a DTLS client (simulated clients testing a coaps:// server): modes and stack. */
  client: { psk?: 'native' | 'js'; x509?: 'native' };
  /** The harness as a DTLS server (its servers testing a device over coaps://). */
  server: { psk: boolean; x509: boolean };
  /** One line per role for people. */
  lines: string[];
}

export function dtlsAvailability(env: NodeJS.ProcessEnv = process.env): DtlsAvailability {
  const reason = dtlsUnavailableReason();
  const psk = chooseClientStack('psk', { env });
  const forced = env[clientStackVariable] && psk.why.startsWith('forced') ? ` (${psk.why})` : '';
  if (reason === undefined) {
    const mbedtls = dtlsNative().mbedtlsVersion;
    const pskStack = psk.stack === 'js' ? 'the JavaScript client (node-dtls-client)' : 'the native addon';
    return {
      addon: { built: true, mbedtls },
      client: { psk: psk.stack, x509: 'native' },
      server: { psk: true, x509: true },
      lines: [
        `native addon built (${mbedtls})`,
        `harness as DTLS server (testing devices): psk, x509`,
        psk.stack === 'js'
          ? `harness as DTLS client (testing servers): psk on ${pskStack}${forced}, x509 on the native addon`
          : `harness as DTLS client (testing servers): psk, x509 on the native addon${forced}`,
      ],
    };
  }
  const pskLine = psk.stack === 'js' ? `psk on the JavaScript client (node-dtls-client)${forced}` : `psk needs the native addon${forced}`;
  return {
    addon: { built: false, reason },
    client: psk.stack === 'js' ? { psk: 'js' } : {},
    server: { psk: false, x509: false },
    lines: [
      reason,
      `harness as DTLS server (testing devices): unavailable, it needs the addon`,
      `harness as DTLS client (testing servers): ${pskLine}; x509 needs the addon`,
    ],
  };
}

/** Whether the harness can take its side of a profile's security: `harnessRole` is the harness's own role. */
export function dtlsCovers(a: DtlsAvailability, harnessRole: 'client' | 'server', mode: 'psk' | 'x509'): boolean {
  return harnessRole === 'server' ? a.server[mode] : a.client[mode] !== undefined;
}
