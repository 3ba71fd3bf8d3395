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
import { ConfigError } from '../targets/config-error.ts';
import { readSecret, type SecretRef } from '../targets/credentials.ts';
import type { Profile } from '../targets/profile.ts';

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
  /** The credentials the bootstrap server writes with the account on the reference server (PSK); undefined: NoSec. */
  account?: AccountSecurity;
  /** Removes temporary files. */
  dispose(): void;
}

function pskKeyOf(ref: SecretRef, profile: Profile): Buffer {
  const hex = readSecret(ref, 'target.security.key', profile.file).replace(/\s+/g, '');
  // The message says where the key lives, never what it is.
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new ConfigError({ file: profile.file, field: 'target.security.key' }, 'the PSK key is not hex (an even number of 0-9, a-f)');
  return Buffer.from(hex, 'hex');
}

/** A file holding the key in hex: the profile's own file, or a private temporary one. */
function keyFile(ref: SecretRef, key: Buffer, cleanups: (() => void)[]): string {
  if ('file' in ref) return ref.file;
  const dir = mkdtempSync(join(tmpdir(), 'lwm2m-psk-'));
  const file = join(dir, 'psk-key.hex');
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

export function sessionSecurityOf(profile: Profile): SessionSecurity {
  const sec = profile.target.security;
  const cleanups: (() => void)[] = [];
  const dispose = () => {
    for (const c of cleanups.splice(0)) c();
  };
  const read = (ref: SecretRef, field: string) => readSecret(ref, `target.security.${field}`, profile.file);
  if (sec.mode === 'psk') {
    const identity = read(sec.identity!, 'identity');
    const key = pskKeyOf(sec.key!, profile);
    return {
      server: { psk: [{ identity, key, endpoint: profile.target.endpoint }] },
      account: { mode: 'psk', identity, key: new Uint8Array(key) },
      placeholders: { 'psk.identity': identity, 'psk.key.file': keyFile(sec.key!, key, cleanups) },
      dispose,
    };
  }
  const identity: Record<string, string> = sec.identity ? { 'psk.identity': read(sec.identity, 'identity') } : {};
  if (sec.mode === 'x509') {
    const mismatch =
      sec.mismatchCertificate && sec.mismatchPrivateKey
        ? { mismatchedCertificate: { cert: read(sec.mismatchCertificate, 'mismatchCertificate'), key: read(sec.mismatchPrivateKey, 'mismatchPrivateKey') } }
        : {};
    return {
      server: {
        ...mismatch,
        untrustedCertificate: untrustedCertificate(),
        certificate: {
          cert: read(sec.certificate!, 'certificate'),
          key: read(sec.privateKey!, 'privateKey'),
          ...(sec.ca ? { ca: read(sec.ca, 'ca') } : {}),
        },
      },
      placeholders: identity,
      dispose,
    };
  }
  return { placeholders: identity, dispose };
}
