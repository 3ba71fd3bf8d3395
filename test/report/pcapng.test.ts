// trace.pcapng opens in tshark (Wireshark's engine): every datagram of the run is there with
// valid IP/UDP headers and checksums, dissects as CoAP with the trace's message IDs, and the
// first packet of each case carries a comment naming it.
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipPacket, parseEndpoint, pcapng } from '../../harness/report/pcapng.ts';
import { faultyCaseId, faultyRun, syntheticCase, syntheticReport, tmp } from './support.ts';

const tshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const missing = 'tshark not installed (Debian package tshark; .ci/run installs it): pcapng read-back skipped';

function read(file: string, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('tshark', ['-r', file, ...args], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tshark failed: ${stderr}`));
      else resolve(stdout.split('\n').filter((l) => l.trim() !== ''));
    });
  });
}

describe('trace.pcapng', () => {
  it('parses IPv4 and IPv6 endpoints as the trace writes them', () => {
    expect(parseEndpoint('127.0.0.1:5683')).toEqual({ address: Buffer.from([127, 0, 0, 1]), port: 5683 });
    expect(parseEndpoint('::1:5684').address).toEqual(Buffer.from([...Array(15).fill(0), 1]));
    expect(parseEndpoint('fe80::1%lo:9').port).toBe(9);
    expect(parseEndpoint('::ffff:10.0.0.1:1').address.subarray(10)).toEqual(Buffer.from([0xff, 0xff, 10, 0, 0, 1]));
    expect(ipPacket(parseEndpoint('127.0.0.1:1'), parseEndpoint('127.0.0.1:2'), Buffer.from('x'))[0]).toBe(0x45);
    expect(ipPacket(parseEndpoint('::1:1'), parseEndpoint('127.0.0.1:2'), Buffer.from('x'))[0]! >> 4).toBe(6);
  });

  it.skipIf(!tshark)('a real run: every datagram is there, as CoAP with valid headers, each case marked by a comment', async () => {
    const run = await faultyRun();
    const file = join(run.dir, 'trace.pcapng');
    const trace = run.report.cases.flatMap((c) => c.trace);
    expect(trace.length).toBeGreaterThan(0);
    // The harness listens on a free port, not 5683: tell the dissector, as a user would with Decode As.
    const ports = [...new Set(trace.map((t) => Number((t.direction === 'out' ? t.from : t.to).split(':').pop())))];
    const decodeAs = ports.flatMap((p) => ['-d', `udp.port==${p},coap`]);
    const checksums = ['-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
    const rows = await read(file, [...decodeAs, ...checksums, '-T', 'fields', '-E', 'separator=|', '-e', 'frame.protocols', '-e', 'coap.mid', '-e', 'coap.code', '-e', 'ip.checksum.status', '-e', 'udp.checksum.status']);
    expect(rows.length).toBe(trace.length);
    rows.forEach((row, i) => {
      const [protocols, mid, code, ipStatus, udpStatus] = row.split('|');
      expect(protocols, row).toMatch(/^raw:ip:udp:coap/);
      expect(Number(mid)).toBe(trace[i]!.messageId);
      const [major, minor] = trace[i]!.code!.split('.').map(Number);
      expect(Number(code)).toBe(major! * 32 + minor!);
      expect(ipStatus, 'IPv4 header checksum good').toBe('1');
      expect(udpStatus, 'UDP checksum good').toBe('1');
    });
    const comments = (await read(file, ['-Y', 'frame.comment contains "case "', '-T', 'fields', '-e', 'frame.comment'])).join('\n');
    for (const c of run.report.cases) expect(comments).toContain(`case ${c.id} ${c.title}: ${c.verdict}`);
    expect(comments).toContain(`case ${faultyCaseId}`);
  }, 90_000);

  it.skipIf(!tshark)('IPv6 datagrams read back with their addresses', async () => {
    const entry = syntheticCase().trace[0]!;
    const report = syntheticReport([syntheticCase({ trace: [{ ...entry, from: '::1:40000', to: '::1:5683' }] })]);
    const file = join(tmp(), 'v6.pcapng');
    writeFileSync(file, pcapng(report));
    const [row] = await read(file, ['-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|', '-e', 'ipv6.src', '-e', 'udp.dstport', '-e', 'coap.opt.uri_path', '-e', 'udp.checksum.status']);
    expect(row).toBe('::1|5683|rd|1');
  });

  if (!tshark) it.skip(missing, () => {});
});
