// The plaintext parts of DTLS records the trace shows: record headers, ClientHello contents,
// unencrypted alerts, and the names used for alerts and cipher suites.
import { describe, expect, it } from 'vitest';
import { alertOf, clientHelloOf, parseRecords } from '../../harness/dtls/records.ts';
import { alertName, cipherSuiteName, fromMbedtlsSuite, identityText, toMbedtlsSuite } from '../../harness/dtls/names.ts';

function record(type: number, epoch: number, fragment: Buffer): Buffer {
  const h = Buffer.alloc(13);
  h[0] = type;
  h.writeUInt16BE(0xfefd, 1);
  h.writeUInt16BE(epoch, 3);
  h.writeUInt16BE(fragment.length, 11);
  return Buffer.concat([h, fragment]);
}

function clientHello(cookie: Buffer, suites: number[]): Buffer {
  const body = Buffer.concat([
    Buffer.from([0xfe, 0xfd]), Buffer.alloc(32, 7), Buffer.from([0]), Buffer.from([cookie.length]), cookie,
    Buffer.from([0, suites.length * 2]), Buffer.concat(suites.map((s) => Buffer.from([s >> 8, s & 0xff]))), Buffer.from([1, 0]),
  ]);
  const hs = Buffer.alloc(12);
  hs[0] = 1;
  hs.writeUIntBE(body.length, 1, 3);
  hs.writeUIntBE(body.length, 9, 3);
  return Buffer.concat([hs, body]);
}

describe('DTLS records', () => {
  it('reads a ClientHello: random, cookie length, offered suites', () => {
    const [r] = parseRecords(record(22, 0, clientHello(Buffer.alloc(32, 1), [0xc0a8, 0x00ae])));
    const hello = clientHelloOf(r!)!;
    expect(hello.cookieLength).toBe(32);
    expect(hello.cipherSuites.map(cipherSuiteName)).toEqual(['TLS_PSK_WITH_AES_128_CCM_8', 'TLS_PSK_WITH_AES_128_CBC_SHA256']);
    expect(hello.random.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('several records in one datagram; a truncated one ends the list', () => {
    const d = Buffer.concat([record(21, 0, Buffer.from([2, 115])), record(20, 0, Buffer.from([1])), record(22, 1, Buffer.alloc(40)).subarray(0, 30)]);
    const rs = parseRecords(d);
    expect(rs.map((r) => r.contentType)).toEqual([21, 20]);
    expect(alertOf(rs[0]!)).toEqual({ level: 2, description: 115 });
    expect(alertName(115)).toBe('unknown_psk_identity');
  });

  it('encrypted alerts have no readable description; encrypted handshakes are not ClientHellos', () => {
    expect(alertOf(parseRecords(record(21, 1, Buffer.alloc(26)))[0]!)).toEqual({});
    expect(clientHelloOf(parseRecords(record(22, 1, clientHello(Buffer.alloc(0), [0xc0a8])))[0]!)).toBeUndefined();
  });

  it('names: IANA and mbedTLS spellings, identities as text or hex', () => {
    expect(toMbedtlsSuite('TLS_PSK_WITH_AES_128_CCM_8')).toBe('TLS-PSK-WITH-AES-128-CCM-8');
    expect(fromMbedtlsSuite('TLS-ECDHE-ECDSA-WITH-AES-128-CCM-8')).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8');
    expect(cipherSuiteName(0x1301)).toBe('0x1301');
    expect(identityText(Buffer.from('dev-1'))).toBe('dev-1');
    expect(identityText(Buffer.from([0, 255]))).toBe('hex:00ff');
  });
});
