// What a client-testing session needs from the profile's `target.security`: the reference
// server's DTLS credentials, and placeholders for launching the target. A key held in an
// environment variable or inline reaches a launched device through a private temporary file
// (`{psk.key.file}`), never through its command line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountSecurity } from '../peers/bootstrap/configurations.ts';
import type { ServerCertificate, ServerSecurityOptions } from '../peers/server/server-security.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';

// Signed by a CA no device trusts (fixtures/credentials/README.md): the "unknown server certificate".
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/credentials/${name}`, import.meta.url));
const untrustedCertificate = (): ServerCertificate => ({
  cert: readFileSync(fixture('untrusted-server-cert.pem'), 'utf8'),
  key: readFileSync(fixture('untrusted-server-key.pem'), 'utf8'),
});

export interface SessionSecurity {
  /** For ReferenceServer.start; undefined in NoSec. */
  server?: ServerSecurityOptions;
  placeholders: Record<string, string>;
  /** Placeholder values that are secret: never shown in the target's command line or output as kept for reports. */
  secrets?: readonly string[];
  /** The credentials the bootstrap server writes with the account on the reference server (PSK); undefined: NoSec. */
  account?: AccountSecurity;
  /** Removes temporary files. */
  dispose(): void;
}

/** A file holding the key in hex: the profile's own file, or a private temporary one. */
function keyFile(own: string | undefined, key: Buffer, cleanups: (() => void)[]): string {
  if (own !== undefined) return own;
  const dir = mkdtempSync(join(tmpdir(), 'lwm2m-psk-'));
  const file = join(dir, 'psk-key.hex');
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

export function sessionSecurityOf(target: ResolvedTarget): SessionSecurity {
  const { psk, certificate, mismatch, identity } = target.credentials;
  const cleanups: (() => void)[] = [];
  const dispose = () => {
    for (const c of cleanups.splice(0)) c();
  };
  if (psk) {
    const key = Buffer.from(psk.keyHex, 'hex');
    return {
      server: { psk: [{ identity: psk.identity, key, endpoint: target.profile.target.endpoint }] },
      account: { mode: 'psk', identity: psk.identity, key: new Uint8Array(key) },
      // {psk.key.hex} puts the key on a command line, which other local users can see; {psk.key.file} does not.
      placeholders: { 'psk.identity': psk.identity, 'psk.key.file': keyFile(psk.keyFile, key, cleanups), 'psk.key.hex': psk.keyHex },
      secrets: [psk.keyHex],
      dispose,
    };
  }
  const placeholders: Record<string, string> = identity !== undefined ? { 'psk.identity': identity } : {};
  if (certificate) {
    return {
      server: {
        ...(mismatch ? { mismatchedCertificate: mismatch } : {}),
        untrustedCertificate: untrustedCertificate(),
        certificate,
      },
      placeholders,
      dispose,
    };
  }
  return { placeholders, dispose };
}
