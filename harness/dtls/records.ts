// Reads DTLS 1.2 record headers (RFC 6347 §4.1) and the plaintext parts of a handshake that the
// trace shows: ClientHello (random, cookie, offered cipher suites) and unencrypted alerts.
export const ContentType = { ChangeCipherSpec: 20, Alert: 21, Handshake: 22, ApplicationData: 23 } as const;

export interface DtlsRecord {
  contentType: number;
  epoch: number;
  fragment: Buffer;
}

const HEADER = 13;

/** The records of one datagram; stops at the first malformed header. */
export function parseRecords(datagram: Buffer): DtlsRecord[] {
  const records: DtlsRecord[] = [];
  let at = 0;
  while (at + HEADER <= datagram.length) {
    const contentType = datagram[at]!;
    if (contentType < 20 || contentType > 25 || datagram[at + 1] !== 0xfe) break;
    const length = datagram.readUInt16BE(at + 11);
    if (at + HEADER + length > datagram.length) break;
    records.push({ contentType, epoch: datagram.readUInt16BE(at + 3), fragment: datagram.subarray(at + HEADER, at + HEADER + length) });
    at += HEADER + length;
  }
  return records;
}

export interface ClientHello {
  random: Buffer;
  cookieLength: number;
  cipherSuites: number[];
}

/** The ClientHello in an epoch-0 handshake record (first fragment only), if it is one. */
export function clientHelloOf(record: DtlsRecord): ClientHello | undefined {
  const f = record.fragment;
  if (record.contentType !== ContentType.Handshake || record.epoch !== 0 || f.length < 12 || f[0] !== 1) return undefined;
  if (f.readUIntBE(6, 3) !== 0) return undefined; // a later fragment
  const body = f.subarray(12);
  let at = 2 + 32; // client_version, random
  if (body.length < at + 1) return undefined;
  const random = body.subarray(2, 34);
  at += 1 + body[at]!; // session_id
  if (body.length < at + 1) return undefined;
  const cookieLength = body[at]!;
  at += 1 + cookieLength;
  if (body.length < at + 2) return undefined;
  const suitesLength = body.readUInt16BE(at);
  at += 2;
  const cipherSuites: number[] = [];
  for (let i = 0; i + 1 < suitesLength && at + i + 1 < body.length; i += 2) cipherSuites.push(body.readUInt16BE(at + i));
  return { random: Buffer.from(random), cookieLength, cipherSuites };
}

export function isClientHello(datagram: Buffer): boolean {
  const first = parseRecords(datagram)[0];
  return first !== undefined && clientHelloOf(first) !== undefined;
}

/** Level and description of an alert record; description undefined when it is encrypted. */
export function alertOf(record: DtlsRecord): { level?: number; description?: number } | undefined {
  if (record.contentType !== ContentType.Alert) return undefined;
  if (record.epoch !== 0 || record.fragment.length !== 2) return {};
  return { level: record.fragment[0]!, description: record.fragment[1]! };
}

/** Handshake message type of an epoch-0 handshake record (first fragment only): 2 ServerHello, 3 HelloVerifyRequest… */
export function handshakeTypeOf(record: DtlsRecord): number | undefined {
  if (record.contentType !== ContentType.Handshake || record.epoch !== 0 || record.fragment.length < 12) return undefined;
  if (record.fragment.readUIntBE(6, 3) !== 0) return undefined; // a later fragment
  return record.fragment[0]!;
}

/** The cipher suite a ServerHello in an epoch-0 record chose, if it is one. */
export function serverHelloSuiteOf(record: DtlsRecord): number | undefined {
  if (handshakeTypeOf(record) !== 2) return undefined;
  const body = record.fragment.subarray(12);
  const at = 2 + 32; // server_version, random
  if (body.length < at + 1) return undefined;
  const suiteAt = at + 1 + body[at]!; // after session_id
  return body.length >= suiteAt + 2 ? body.readUInt16BE(suiteAt) : undefined;
}
