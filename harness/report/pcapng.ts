// trace.pcapng: every datagram of the run as a packet capture Wireshark and tshark open as CoAP
// with no setting to change: real IPv4/IPv6 and UDP headers (checksums included), the harness
// side on the CoAP port (capture-ports.ts says why; the real ports are in comments), DTLS
// sessions as the CoAP they carried. The first packet of each case carries a comment naming the
// case and its verdict, and each message a check judged carries the check's outcome (filter with
// `frame.comment`). Link type RAW (101): each packet starts at the IP header.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult, TraceEntry } from '../run/result.ts';
import { capturedEnds, coapPort, dtlsPort, presentationComments, type CapturedEnds } from './capture-ports.ts';
import { ipPacket } from './ip-packet.ts';
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

function packetComments(c: CaseResult, t: TraceEntry, ends: CapturedEnds, first: boolean): string[] {
  const comments = first ? [caseComment(c)] : [];
  for (const k of c.checks.filter((k) => k.at === t.seq)) comments.push(`${c.id} check ${k.id} ${k.verdict}: ${k.description}`);
  if (t.impairment) comments.push(impairmentComment(t));
  comments.push(...presentationComments(t, ends));
  return comments;
}

export function pcapng(report: RunReport): Buffer {
  // Each harness socket once: where it really was and the port the capture shows it on.
  const harnessEnds = new Map<string, string>();
  const blocks: Buffer[] = [interfaceDescription()];
  const silent: string[] = [];
  let decrypted = 0;
  for (const c of report.cases) {
    const start = BigInt(Date.parse(c.startedAt)) * 1000n;
    if (!c.trace.length) silent.push(c.id);
    c.trace.forEach((t, i) => {
      const ends = capturedEnds(t);
      const real = t.direction === 'out' ? t.from : t.to;
      harnessEnds.set(`${t.endpoint} ${real} ${ends.shownPort}`, `harness ${t.endpoint} ${real}${ends.movedFrom !== undefined ? ` shown on port ${ends.shownPort}` : ''}`);
      if (t.security === 'dtls' && !t.wire) decrypted++;
      const timestamp = start + BigInt(Math.round(t.atMs * 1000));
      blocks.push(enhancedPacket(timestamp, ipPacket(ends.from, ends.to, Buffer.from(t.bytesHex, 'hex')), packetComments(c, t, ends, i === 0)));
    });
  }
  const comment = [
    `lwm2m-conformance ${report.tool.version}: ${report.profile.name}, started ${report.startedAt}`,
    `Wireshark dissects CoAP on UDP ${coapPort} only: where neither end of an exchange was on it, the harness side is shown there (encrypted DTLS records on ${dtlsPort}), and each such packet's comment gives its real ends.`,
    ...[...harnessEnds.values()].sort(),
    ...(decrypted ? [`${decrypted} datagram(s) of DTLS sessions are shown decrypted, as the CoAP they carried (comment "decrypted")`] : []),
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
