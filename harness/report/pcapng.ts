// trace.pcapng: every datagram of the run as a packet capture Wireshark and tshark open, with
// real IPv4/IPv6 and UDP headers (checksums included) built from the trace's addresses, so the
// CoAP dissector shows them as on the wire. The first packet of each case carries a comment
// naming the case and its verdict, and each message a check judged carries the check's outcome
// (filter with `frame.comment`). Link type RAW (101): each packet starts at the IP header.
import { mkdir, writeFile } from 'node:fs/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { join } from 'node:path';
import type { CaseResult, TraceEntry } from '../run/result.ts';
import type { RunReport } from './run-report.ts';

const linkTypeRaw = 101;

// ---- blocks (little-endian, 32-bit aligned, per the pcapng specification) ----

function pad4(length: number): number {
  return (4 - (length % 4)) % 4;
}

function option(code: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(code, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value, Buffer.alloc(pad4(value.length))]);
}

function options(list: [number, Buffer][]): Buffer {
  if (!list.length) return Buffer.alloc(0);
  return Buffer.concat([...list.map(([code, value]) => option(code, value)), Buffer.alloc(4)]); // opt_endofopt
}

function block(type: number, body: Buffer): Buffer {
  const length = 12 + body.length;
  const out = Buffer.alloc(length);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(length, 4);
  body.copy(out, 8);
  out.writeUInt32LE(length, length - 4);
  return out;
}

function sectionHeader(comment: string): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(0x1a2b3c4d, 0); // byte-order magic
  fixed.writeUInt16LE(1, 4);
  fixed.writeUInt16LE(0, 6);
  fixed.writeBigInt64LE(-1n, 8); // section length not given
  return block(0x0a0d0d0a, Buffer.concat([fixed, options([[1, Buffer.from(comment)], [4, Buffer.from('lwm2m-conformance')]])]));
}

function interfaceDescription(): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(linkTypeRaw, 0);
  fixed.writeUInt32LE(0, 4); // no snapshot limit
  return block(1, Buffer.concat([fixed, options([[2, Buffer.from('lwm2m-conformance')]])]));
}

function enhancedPacket(timestampUs: bigint, packet: Buffer, comments: string[]): Buffer {
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(0, 0); // interface 0
  fixed.writeUInt32LE(Number(timestampUs >> 32n), 4);
  fixed.writeUInt32LE(Number(timestampUs & 0xffffffffn), 8);
  fixed.writeUInt32LE(packet.length, 12);
  fixed.writeUInt32LE(packet.length, 16);
  const opts = options(comments.map((c) => [1, Buffer.from(c)]));
  return block(6, Buffer.concat([fixed, packet, Buffer.alloc(pad4(packet.length)), opts]));
}

// ---- addresses ----

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

// ---- the capture ----

function caseComment(c: CaseResult): string {
  const passed = c.checks.filter((k) => k.verdict === 'pass').length;
  return `case ${c.id} ${c.title}: ${c.verdict}${c.checks.length ? ` (${passed}/${c.checks.length} checks passed)` : ''}${c.reason ? ` - ${c.reason}` : ''}`;
}

/** A datagram the impairment layer acted on; a dropped one is in the capture though it never reached its receiver. */
function impairmentComment(t: TraceEntry): string {
  const held = t.impairmentDelayMs !== undefined ? ` ${t.impairmentDelayMs} ms` : '';
  const what = { dropped: 'dropped (never reached its receiver)', duplicated: 'duplicated (this is the copy)', delayed: `delayed${held}`, reordered: `held back${held}, reordered` }[t.impairment!];
  return `impairment: ${what}`;
}

function packetComments(c: CaseResult, t: TraceEntry, first: boolean): string[] {
  const comments = first ? [caseComment(c)] : [];
  for (const k of c.checks.filter((k) => k.at === t.seq)) comments.push(`${c.id} check ${k.id} ${k.verdict}: ${k.description}`);
  if (t.impairment) comments.push(impairmentComment(t));
  return comments;
}

export function pcapng(report: RunReport): Buffer {
  const ports = new Set<number>();
  const blocks: Buffer[] = [interfaceDescription()];
  const silent: string[] = [];
  for (const c of report.cases) {
    const start = BigInt(Date.parse(c.startedAt)) * 1000n;
    if (!c.trace.length) silent.push(c.id);
    c.trace.forEach((t, i) => {
      const from = parseEndpoint(t.from);
      const to = parseEndpoint(t.to);
      ports.add(t.direction === 'out' ? from.port : to.port);
      const timestamp = start + BigInt(Math.round(t.atMs * 1000));
      blocks.push(enhancedPacket(timestamp, ipPacket(from, to, Buffer.from(t.bytesHex, 'hex')), packetComments(c, t, i === 0)));
    });
  }
  const comment = [
    `lwm2m-conformance ${report.tool.version}: ${report.profile.name}, started ${report.startedAt}`,
    `harness CoAP ports: ${[...ports].join(', ') || 'none'} (Wireshark decodes UDP 5683 as CoAP; for other ports use Decode As... UDP port -> CoAP, or tshark -d udp.port==PORT,coap)`,
    ...(silent.length ? [`cases without datagrams: ${silent.join(', ')}`] : []),
  ].join('\n');
  return Buffer.concat([sectionHeader(comment), ...blocks]);
}

export async function writePcapng(dir: string, report: RunReport): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'trace.pcapng');
  await writeFile(file, pcapng(report));
  return file;
}
