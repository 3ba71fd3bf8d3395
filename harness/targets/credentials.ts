// Credentials in a profile are references: a file, an environment variable, or (for test
// fixtures) an inline value. They are read when the run resolves its target, and never
// shown: reports print the reference, not the secret.
import { accessSync, closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, type ConfigLocation } from './config-error.ts';
import type { Schema } from './schema.ts';

export type SecretRef = { value: string } | { file: string } | { env: string };

export const secretRefSchema: Schema = {
  kind: 'object',
  fields: {
    value: { schema: { kind: 'string' }, description: 'inline value (test fixtures only)' },
    file: { schema: { kind: 'string' }, description: 'path of a file holding the value, relative to the profile' },
    env: { schema: { kind: 'string', pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, patternText: 'an environment variable name' }, description: 'environment variable holding the value' },
  },
};

export const securityModes = ['nosec', 'psk', 'x509'] as const;
export type SecurityMode = (typeof securityModes)[number];

export interface TargetSecurity {
  mode: SecurityMode;
  /** PSK identity (text). */
  identity?: SecretRef;
  /** PSK key, hex. */
  key?: SecretRef;
  /** PEM files for certificate mode. */
  certificate?: SecretRef;
  privateKey?: SecretRef;
  ca?: SecretRef;
  /** x509: a certificate (and key) the device trusts that names another host (int-403). */
  mismatchCertificate?: SecretRef;
  mismatchPrivateKey?: SecretRef;
}

export const securitySchema: Schema = {
  kind: 'object',
  fields: {
    mode: { schema: { kind: 'string', enum: securityModes }, required: true, description: 'nosec, psk or x509' },
    identity: { schema: secretRefSchema, description: 'PSK identity' },
    key: { schema: secretRefSchema, description: 'PSK key in hex' },
    certificate: { schema: secretRefSchema, description: 'certificate (PEM)' },
    privateKey: { schema: secretRefSchema, description: 'private key (PEM)' },
    ca: { schema: secretRefSchema, description: 'trusted CA certificate (PEM)' },
    mismatchCertificate: { schema: secretRefSchema, description: 'x509: a certificate the device trusts that names another host (PEM, int-403)' },
    mismatchPrivateKey: { schema: secretRefSchema, description: 'x509: the private key of mismatchCertificate (PEM)' },
  },
};

/** The largest credential file read; a certificate chain is a few kilobytes. */
const maxSecretFileBytes = 256 * 1024;

/**
 * Checks a reference where the profile is loaded: exactly one form, a readable file, an inline
 * value only where `inlineAllowed` (the project's own fixtures: a secret written into a profile
 * ends up in version control and in every copy of the file). The value itself is read later.
 * File paths become absolute, relative to the profile.
 */
export function checkSecretRef(raw: Record<string, string>, profileFile: string, at: (field: string) => ConfigLocation, field: string, inlineAllowed = true): SecretRef {
  const forms = Object.keys(raw);
  if (forms.length !== 1) throw new ConfigError(at(field), 'give exactly one of "value", "file" or "env"');
  if (raw.value !== undefined && !inlineAllowed) {
    throw new ConfigError(at(`${field}.value`), 'an inline value is only for the project\'s test fixtures; put the secret in a file ({ file: PATH }) or an environment variable ({ env: NAME })');
  }
  if (raw.file !== undefined) {
    const file = resolve(dirname(profileFile), raw.file);
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new ConfigError(at(`${field}.file`), `cannot read ${file}`);
    }
    return { file };
  }
  if (raw.env !== undefined) return { env: raw.env };
  return { value: raw.value! };
}

/** The secret's value; a missing environment variable or an unreadable file is a configuration error at `where`. */
export function readSecret(ref: SecretRef, where: ConfigLocation): string {
  if ('value' in ref) return ref.value;
  if ('file' in ref) return readSecretFile(ref.file, where);
  const value = process.env[ref.env];
  if (value === undefined) throw new ConfigError(where, `environment variable ${ref.env} is not set`);
  if (value.trim() === '') throw new ConfigError(where, `environment variable ${ref.env} is empty`);
  return value;
}

function readSecretFile(file: string, where: ConfigLocation): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new ConfigError(where, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    // A device node or a huge file would never finish reading, or exhaust memory.
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigError(where, `${file} is not a regular file`);
    if (stat.size > maxSecretFileBytes) throw new ConfigError(where, `${file} is larger than ${maxSecretFileBytes / 1024} KiB (${stat.size} bytes); no credential is that large`);
    return readFileSync(fd, 'utf8').trim();
  } finally {
    closeSync(fd);
  }
}

/** How a reference is shown in reports and logs: where the secret lives, never what it is. */
export function describeSecretRef(ref: SecretRef): string {
  if ('file' in ref) return `file ${ref.file}`;
  if ('env' in ref) return `environment variable ${ref.env}`;
  return '(inline value, redacted)';
}
