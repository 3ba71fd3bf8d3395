// Security options of the DTLS transports (PSK, X.509 certificates, cipher suites, timers) and
// their translation into the addon's configuration. Cipher suites use IANA names.
import type { DtlsNative, NativeConfig, NativeConfigOptions } from './native.ts';
import { DtlsConfigError } from './errors.ts';
import { toMbedtlsSuite } from './names.ts';

/** PEM text, or PEM/DER bytes. */
export type KeyMaterial = Buffer | string;

export interface PskCredentials {
  /** Sent in clear during the handshake. */
  identity: Buffer | string;
  key: Buffer;
}

/** Server side: the key for an identity, or undefined to refuse it (unknown_psk_identity). */
export type PskLookup = (identity: Buffer) => Buffer | undefined;

export interface ServerCertificateOptions {
  cert: KeyMaterial;
  key: KeyMaterial;
  /** Trusted roots for client certificates. */
  ca?: KeyMaterial;
  /** Default: true when `ca` is given (mutual authentication, as LwM2M certificate mode uses). */
  requireClientCertificate?: boolean;
}

export interface ClientCertificateOptions {
  cert?: KeyMaterial;
  key?: KeyMaterial;
  /** Trusted roots, or the expected server certificate itself. */
  ca?: KeyMaterial;
  /** Default true. False accepts any server certificate (a known fault, for negative tests). */
  verifyServer?: boolean;
}

export interface RetransmissionOptions {
  /** First retransmission timeout; RFC 6347 suggests 1000 ms. */
  initialMs?: number;
  /** The timeout doubles up to this, then the handshake fails. */
  maxMs?: number;
}

/** Mandatory first (LwM2M 1.1 §5.2.8), then the other PSK suites mbedTLS offers. */
export const pskCipherSuites: readonly string[] = Object.freeze([
  'TLS_PSK_WITH_AES_128_CCM_8',
  'TLS_PSK_WITH_AES_128_CBC_SHA256',
  'TLS_PSK_WITH_AES_128_CCM',
  'TLS_PSK_WITH_AES_128_GCM_SHA256',
]);

export const certificateCipherSuites: readonly string[] = Object.freeze([
  'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
]);

function material(m: KeyMaterial | undefined): Buffer | undefined {
  if (m === undefined) return undefined;
  return typeof m === 'string' ? Buffer.from(m, 'utf8') : m;
}

function suites(chosen: readonly string[] | undefined, psk: boolean, cert: boolean): string[] {
  if (chosen) return chosen.map(toMbedtlsSuite);
  return [...(cert ? certificateCipherSuites : []), ...(psk ? pskCipherSuites : [])].map(toMbedtlsSuite);
}

function timers(r: RetransmissionOptions | undefined): Pick<NativeConfigOptions, 'handshakeTimeoutMinMs' | 'handshakeTimeoutMaxMs'> {
  return { handshakeTimeoutMinMs: r?.initialMs ?? 1000, handshakeTimeoutMaxMs: r?.maxMs ?? 16_000 };
}

export interface ServerSecurity {
  psk?: PskLookup;
  certificate?: ServerCertificateOptions;
  ciphersuites?: readonly string[];
  retransmission?: RetransmissionOptions;
}

export interface ClientSecurity {
  psk?: PskCredentials;
  certificate?: ClientCertificateOptions;
  ciphersuites?: readonly string[];
  retransmission?: RetransmissionOptions;
}

export function serverConfigOptions(s: ServerSecurity): NativeConfigOptions {
  if (!s.psk && !s.certificate) throw new DtlsConfigError('a DTLS server needs psk and/or certificate credentials');
  const o: NativeConfigOptions = { endpoint: 'server', ciphersuites: suites(s.ciphersuites, !!s.psk, !!s.certificate), ...timers(s.retransmission) };
  if (s.psk) {
    const lookup = s.psk;
    o.pskLookup = (identity) => {
      const key = lookup(identity);
      return key && key.length > 0 ? key : undefined;
    };
  }
  if (s.certificate) {
    o.cert = material(s.certificate.cert)!;
    o.key = material(s.certificate.key)!;
    const ca = material(s.certificate.ca);
    if (ca) o.ca = ca;
    o.authMode = (s.certificate.requireClientCertificate ?? !!ca) ? 'required' : 'none';
  }
  return o;
}

export function clientConfigOptions(s: ClientSecurity): NativeConfigOptions {
  if (!s.psk && !s.certificate) throw new DtlsConfigError('a DTLS client needs psk or certificate credentials');
  const o: NativeConfigOptions = { endpoint: 'client', ciphersuites: suites(s.ciphersuites, !!s.psk, !!s.certificate), ...timers(s.retransmission) };
  if (s.psk) {
    o.pskIdentity = typeof s.psk.identity === 'string' ? Buffer.from(s.psk.identity, 'utf8') : s.psk.identity;
    o.pskKey = s.psk.key;
  }
  if (s.certificate) {
    const c = s.certificate;
    if (c.cert !== undefined && c.key !== undefined) {
      o.cert = material(c.cert)!;
      o.key = material(c.key)!;
    }
    const ca = material(c.ca);
    if (ca) o.ca = ca;
    const verify = c.verifyServer ?? true;
    if (verify && !ca) throw new DtlsConfigError('certificate mode: give the trusted CA (or the server certificate) in certificate.ca, or set verifyServer: false');
    o.authMode = verify ? 'required' : 'none';
  }
  return o;
}

/** Creates the addon configuration; addon errors become DtlsConfigError. */
export function createNativeConfig(native: DtlsNative, options: NativeConfigOptions): NativeConfig {
  try {
    return native.createConfig(options);
  } catch (err) {
    throw new DtlsConfigError(err instanceof Error ? err.message : String(err));
  }
}
