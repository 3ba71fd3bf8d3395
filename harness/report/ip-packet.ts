// A UDP datagram as the IP packet that carried it: real IPv4/IPv6 and UDP headers, checksums
// included, built from the addresses the trace writes ("addr:port").
import { isIPv4, isIPv6 } from 'node:net';

export interface Endpoint {
  address: Buffer;
  port: number;
}

function ipv6Bytes(text: string): Buffer | undefined {
  let address = text.replace(/%.*$/, '');
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    tail = v4[1]!.split('.').map(Number);
    address = address.slice(0, -v4[1]!.length) + '0:0';
  }
  const [head, rest] = address.split('::') as [string, string | undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const left = groups(head);
  const right = groups(rest);
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  const all = [...left, ...fill, ...right];
  if (all.length !== 8) return undefined;
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16) & 0xffff, i * 2));
  if (tail.length) Buffer.from(tail).copy(out, 12);
  return out;
}

/** "addr:port" (IPv6 without brackets, as trace entries write it) to bytes and port. */
export function parseEndpoint(text: string): Endpoint {
  const at = text.lastIndexOf(':');
  const host = text.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(text.slice(at + 1)) || 0;
  if (isIPv4(host)) return { address: Buffer.from(host.split('.').map(Number)), port };
  if (isIPv6(host.replace(/%.*$/, ''))) return { address: ipv6Bytes(host) ?? Buffer.alloc(16), port };
  return { address: Buffer.alloc(4), port };
}

function asIPv6(address: Buffer): Buffer {
  if (address.length === 16) return address;
  return Buffer.concat([Buffer.alloc(10), Buffer.from([0xff, 0xff]), address]); // IPv4-mapped
}

// ---- IP and UDP ----

function onesComplementSum(parts: Buffer[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) sum += (part[i]! << 8) + (part[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function udp(src: Endpoint, dst: Endpoint, payload: Buffer, pseudoHeader: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE(src.port, 0);
  header.writeUInt16BE(dst.port, 2);
  header.writeUInt16BE(8 + payload.length, 4);
  // Each part is even-length except possibly the payload, which comes last.
  const checksum = onesComplementSum([pseudoHeader, header, payload]);
  header.writeUInt16BE(checksum === 0 ? 0xffff : checksum, 6);
  return Buffer.concat([header, payload]);
}

let ipv4Id = 0;

/** The datagram as an IP packet: IPv4 when both ends are IPv4, else IPv6. */
export function ipPacket(from: Endpoint, to: Endpoint, payload: Buffer): Buffer {
  const udpLength = 8 + payload.length;
  if (from.address.length === 4 && to.address.length === 4) {
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + udpLength, 2);
    ip.writeUInt16BE(ipv4Id++ & 0xffff, 4);
    ip.writeUInt16BE(0x4000, 6); // don't fragment
    ip[8] = 64;
    ip[9] = 17;
    from.address.copy(ip, 12);
    to.address.copy(ip, 16);
    ip.writeUInt16BE(onesComplementSum([ip]), 10);
    const pseudo = Buffer.concat([from.address, to.address, Buffer.from([0, 17, udpLength >> 8, udpLength & 0xff])]);
    return Buffer.concat([ip, udp(from, to, payload, pseudo)]);
  }
  const src = { ...from, address: asIPv6(from.address) };
  const dst = { ...to, address: asIPv6(to.address) };
  const ip = Buffer.alloc(40);
  ip.writeUInt32BE(0x60000000, 0);
  ip.writeUInt16BE(udpLength, 4);
  ip[6] = 17;
  ip[7] = 64;
  src.address.copy(ip, 8);
  dst.address.copy(ip, 24);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(udpLength);
  const pseudo = Buffer.concat([src.address, dst.address, length, Buffer.from([0, 0, 0, 17])]);
  return Buffer.concat([ip, udp(src, dst, payload, pseudo)]);
}
