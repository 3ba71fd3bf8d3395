// Names for what appears on a DTLS wire: alert descriptions (RFC 5246 §7.2, RFC 4279) and the
// cipher suites LwM2M deployments meet, by IANA code point; plus mbedTLS's spelling of them.
import type { SecurityAlert } from '../transport/security-events.ts';

const alertNames: Record<number, string> = {
  0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 21: 'decryption_failed',
  22: 'record_overflow', 30: 'decompression_failure', 40: 'handshake_failure', 41: 'no_certificate',
  42: 'bad_certificate', 43: 'unsupported_certificate', 44: 'certificate_revoked',
  45: 'certificate_expired', 46: 'certificate_unknown', 47: 'illegal_parameter', 48: 'unknown_ca',
  49: 'access_denied', 50: 'decode_error', 51: 'decrypt_error', 60: 'export_restriction',
  70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error',
  86: 'inappropriate_fallback', 90: 'user_canceled', 100: 'no_renegotiation',
  110: 'unsupported_extension', 112: 'unrecognized_name', 115: 'unknown_psk_identity',
};

export function alertName(description: number): string {
  return alertNames[description] ?? `alert_${description}`;
}

export function describeAlert(level: number | undefined, description: number | undefined): SecurityAlert {
  const lvl = level === 1 ? 'warning' : level === 2 ? 'fatal' : 'unknown';
  if (description === undefined) return { level: lvl, name: 'encrypted alert' };
  return { level: lvl, description, name: alertName(description) };
}

export function formatAlert(a: SecurityAlert): string {
  return a.description === undefined ? `${a.level} ${a.name}` : `${a.level} alert ${a.name} (${a.description})`;
}

const suiteNames: Record<number, string> = {
  0x008c: 'TLS_PSK_WITH_AES_128_CBC_SHA', 0x008d: 'TLS_PSK_WITH_AES_256_CBC_SHA',
  0x00a8: 'TLS_PSK_WITH_AES_128_GCM_SHA256', 0x00a9: 'TLS_PSK_WITH_AES_256_GCM_SHA384',
  0x00ae: 'TLS_PSK_WITH_AES_128_CBC_SHA256', 0x00af: 'TLS_PSK_WITH_AES_256_CBC_SHA384',
  0x00ff: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
  0xc009: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 0xc00a: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  0xc023: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 0xc024: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
  0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 0xc02c: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xc037: 'TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256',
  0xc0a4: 'TLS_PSK_WITH_AES_128_CCM', 0xc0a5: 'TLS_PSK_WITH_AES_256_CCM',
  0xc0a8: 'TLS_PSK_WITH_AES_128_CCM_8', 0xc0a9: 'TLS_PSK_WITH_AES_256_CCM_8',
  0xc0ac: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM', 0xc0ad: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM',
  0xc0ae: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8', 0xc0af: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8',
  0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  0xccab: 'TLS_PSK_WITH_CHACHA20_POLY1305_SHA256',
};

export function cipherSuiteName(id: number): string {
  return suiteNames[id] ?? `0x${id.toString(16).padStart(4, '0').toUpperCase()}`;
}

/** 'TLS_PSK_WITH_AES_128_CCM_8' → 'TLS-PSK-WITH-AES-128-CCM-8' (mbedTLS's spelling). */
export function toMbedtlsSuite(iana: string): string {
  return iana.trim().toUpperCase().replace(/_/g, '-');
}

/** The reverse of toMbedtlsSuite. */
export function fromMbedtlsSuite(name: string): string {
  return name.replace(/-/g, '_');
}

/** PSK identities as text when printable ASCII, else as hex (identities are not secret). */
export function identityText(identity: Buffer): string {
  return /^[\x20-\x7e]*$/.test(identity.toString('latin1')) ? identity.toString('latin1') : `hex:${identity.toString('hex')}`;
}
