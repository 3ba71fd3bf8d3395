// The profile's credentials read from their references and checked as the DTLS layer will use
// them: a set environment variable, a PSK key in hex, certificates and keys that parse as PEM,
// each key belonging to its certificate. Done once when the run resolves its target, so that a
// bad credential is a configuration error (exit 3) before any target starts, not a failed
// handshake later. Messages say where a secret lives, never what it is.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ConfigError, type ConfigLocation } from './config-error.ts';
import { readSecret, type SecretRef, type TargetSecurity } from './credentials.ts';

/** Credentials as the sessions use them, read from the profile's references. Never reported. */
export interface ResolvedCredentials {
  /** PSK mode: the identity, the key in hex, and the profile's own key file when it names one. */
  psk?: { identity: string; keyHex: string; keyFile?: string };
  /** x509 mode: the harness's certificate and key (PEM), and the root it trusts. */
  certificate?: { cert: string; key: string; ca?: string };
  /** x509 mode: a certificate the device trusts that names another host (int-403). */
  mismatch?: { cert: string; key: string };
  /** A PSK identity declared beside x509 credentials, offered to launch commands as {psk.identity}. */
  identity?: string;
}

type Field = keyof Omit<TargetSecurity, 'mode'>;

export function readCredentials(security: TargetSecurity, at: (field: string) => ConfigLocation): ResolvedCredentials {
  const where = (field: Field) => at(`target.security.${field}`);
  const read = (field: Field) => readSecret(security[field]!, where(field));
  const identity = security.identity ? { identity: read('identity') } : {};
  if (identity.identity === '') throw new ConfigError(where('identity'), 'the PSK identity is empty');
  if (security.mode === 'psk') {
    const keyHex = read('key').replace(/\s+/g, '');
    if (!/^([0-9a-fA-F]{2})+$/.test(keyHex)) throw new ConfigError(where('key'), 'the PSK key is not hex (an even number of 0-9, a-f)');
    return { psk: { identity: identity.identity!, keyHex: keyHex.toLowerCase(), ...(fileOf(security.key!) ? { keyFile: fileOf(security.key!) } : {}) } };
  }
  if (security.mode !== 'x509') return identity;
  const pair = (certField: Field, keyField: Field) => {
    const cert = read(certField);
    const key = read(keyField);
    const parsed = certificate(cert, where(certField));
    const privateKey = parsePrivateKey(key, where(keyField));
    if (!parsed.checkPrivateKey(privateKey)) throw new ConfigError(where(keyField), `the private key does not belong to ${certField} (${parsed.subject.replace(/\n/g, ', ')})`);
    return { cert, key };
  };
  const ca = security.ca ? read('ca') : undefined;
  if (ca !== undefined) certificate(ca, where('ca'));
  return {
    ...identity,
    certificate: { ...pair('certificate', 'privateKey'), ...(ca !== undefined ? { ca } : {}) },
    ...(security.mismatchCertificate && security.mismatchPrivateKey ? { mismatch: pair('mismatchCertificate', 'mismatchPrivateKey') } : {}),
  };
}

function fileOf(ref: SecretRef): string | undefined {
  return 'file' in ref ? ref.file : undefined;
}

function certificate(pem: string, where: ConfigLocation): X509Certificate {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError(where, 'not a PEM certificate (no "-----BEGIN CERTIFICATE-----")');
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new ConfigError(where, `not a valid PEM certificate (${reason(error)})`);
  }
}

function parsePrivateKey(pem: string, where: ConfigLocation) {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new ConfigError(where, 'not a PEM private key (no "-----BEGIN ... PRIVATE KEY-----")');
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new ConfigError(where, `not a valid PEM private key (${reason(error)})`);
  }
}

/** The library's own words, one line, without any of the input. */
function reason(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0]!;
}
