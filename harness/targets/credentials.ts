// Credentials in a profile are references: a file, an environment variable, or (for test
// fixtures) an inline value. They are resolved only when a session needs them, and never
// shown: reports print the reference, not the secret.
import { accessSync, constants, readFileSync } from 'node:fs';
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

/**
 * Checks a reference where the profile is loaded: exactly one form, a readable file. The value
 * itself is read later. File paths become absolute, relative to the profile.
 */
export function checkSecretRef(raw: Record<string, string>, profileFile: string, at: (field: string) => ConfigLocation, field: string): SecretRef {
  const forms = Object.keys(raw);
  if (forms.length !== 1) throw new ConfigError(at(field), 'give exactly one of "value", "file" or "env"');
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

/** The secret's value; a missing environment variable is a configuration error. */
export function readSecret(ref: SecretRef, what: string, profileFile: string): string {
  if ('value' in ref) return ref.value;
  if ('file' in ref) return readFileSync(ref.file, 'utf8').trim();
  const value = process.env[ref.env];
  if (value === undefined) throw new ConfigError({ file: profileFile, field: what }, `environment variable ${ref.env} is not set`);
  return value;
}

/** How a reference is shown in reports and logs: where the secret lives, never what it is. */
export function describeSecretRef(ref: SecretRef): string {
  if ('file' in ref) return `file ${ref.file}`;
  if ('env' in ref) return `environment variable ${ref.env}`;
  return '(inline value, redacted)';
}
