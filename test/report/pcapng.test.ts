// trace.pcapng opens in tshark (Wireshark's engine) with no option: every datagram of the run is
// there with valid IP/UDP headers and checksums, dissects as CoAP (LwM2M TLV inside) with the
// trace's message IDs though the harness listened on a free port, DTLS sessions show as the CoAP
// they carried, and the first packet of each case carries a comment naming it.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dtlsUnavailableReason } from '../../harness/dtls/index.ts';
import { ipPacket, parseEndpoint } from '../../harness/report/ip-packet.ts';
import { pcapng } from '../../harness/report/pcapng.ts';
import { readResults } from '../../harness/report/read-results.ts';
import type { RunReport } from '../../harness/report/run-report.ts';
import { referenceProfileFile } from '../support/reference-profile.ts';
import { dtlsProfileFile } from '../support/reference-dtls-profile.ts';
import { cli, faultyCaseId, faultyRun, projectRoot, syntheticCase, syntheticReport, tmp } from './support.ts';

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
    // No Decode As: the harness listened on a free port, and the capture shows it on 5683.
    const checksums = ['-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
    const rows = await read(file, [...checksums, '-T', 'fields', '-E', 'separator=|', '-e', 'frame.protocols', '-e', 'coap.mid', '-e', 'coap.code', '-e', 'ip.checksum.status', '-e', 'udp.checksum.status']);
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
    const harness = trace[0]!.direction === 'out' ? trace[0]!.from : trace[0]!.to;
    const [moved] = await read(file, ['-c', '1', '-T', 'fields', '-e', 'frame.comment']);
    expect(moved).toContain(`real ends: ${trace[0]!.from} -> ${trace[0]!.to} (harness ${trace[0]!.endpoint} port ${harness.split(':').pop()} shown as 5683)`);
  }, 90_000);

  it.skipIf(!tshark)('the default profile: CoAP, LwM2M paths and TLV payloads dissected with no option', async () => {
    const dir = tmp();
    const result = await cli(['run', '--profile', referenceProfileFile, '--case', 'LightweightM2M-1.1-int-101', '--case', 'LightweightM2M-1.1-int-203', '--report-dir', dir, '--quiet']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const file = join(dir, 'trace.pcapng');
    const codes = await read(file, ['-Y', 'coap', '-T', 'fields', '-e', 'coap.code']);
    const { report } = await readResults(dir, { traces: true });
    expect(codes.length).toBe(report.cases.flatMap((c) => c.trace).length);
    const paths = await read(file, ['-Y', 'coap.opt.uri_path', '-T', 'fields', '-e', 'coap.opt.uri_path']);
    expect(paths).toContain('rd');
    expect(paths).toContain('3,0');
    const tlv = await read(file, ['-Y', 'lwm2mtlv', '-T', 'fields', '-e', 'lwm2mtlv.resource_name']);
    expect(tlv.join(',')).toContain('Manufacturer');
    const header = execFileSync('capinfos', ['-k', file], { encoding: 'utf8' });
    expect(header).toMatch(/harness server 127\.0\.0\.1:\d+ shown on port 5683/);
  }, 90_000);

  const dtlsMissing = dtlsUnavailableReason();
  it.skipIf(!tshark || dtlsMissing !== undefined)('a DTLS run shows the CoAP its sessions carried, marked decrypted, and no key', async () => {
    const dir = tmp();
    const result = await cli(['run', '--profile', dtlsProfileFile('psk'), '--case', 'LightweightM2M-1.1-int-101', '--report-dir', dir, '--quiet']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const file = join(dir, 'trace.pcapng');
    const rows = await read(file, ['-T', 'fields', '-E', 'separator=|', '-e', 'frame.protocols', '-e', 'frame.comment']);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/^raw:ip:udp:coap/);
      expect(row).toContain('decrypted: CoAP carried in a DTLS session');
    }
    const key = readFileSync(join(projectRoot, 'fixtures', 'credentials', 'psk-key.hex'), 'utf8').trim();
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(key, 'hex'))).toBe(false);
    expect(bytes.toString('latin1').toLowerCase()).not.toContain(key.toLowerCase());
  }, 90_000);

  it.skipIf(!tshark)('encrypted DTLS records the impairment layer acted on show as DTLS, beside the decrypted CoAP', async () => {
    const coap = { ...syntheticCase().trace[0]!, from: '127.0.0.1:40000', to: '127.0.0.1:41000', security: 'dtls' as const };
    // A DTLS 1.2 application-data record header and 8 bytes standing for the ciphertext.
    const record = '17fefd0001000000000005' + '0008' + '0011223344556677';
    const wire = { ...coap, seq: 1, atMs: 6, summary: 'DTLS ApplicationData (21 bytes on the wire) [duplicated by impairment]', bytesHex: record, wire: true as const, impairment: 'duplicated' as const };
    const { type: _t, code: _c, messageId: _m, token: _k, options: _o, ...wireOnly } = wire;
    const file = join(tmp(), 'dtls.pcapng');
    writeFileSync(file, pcapng(syntheticReport([syntheticCase({ trace: [coap, wireOnly] })])));
    const rows = await read(file, ['-T', 'fields', '-E', 'separator=|', '-e', 'frame.protocols', '-e', 'udp.dstport', '-e', 'frame.comment']);
    expect(rows[0]).toMatch(/^raw:ip:udp:coap\|5683\|.*decrypted: CoAP carried in a DTLS session.*real ends: 127\.0\.0\.1:40000 -> 127\.0\.0\.1:41000 \(harness server port 41000 shown as 5683\)/);
    expect(rows[1]).toMatch(/^raw:ip:udp:dtls\|5684\|.*impairment: duplicated.*DTLS records as on the wire \(encrypted\)/);
  });

  it.skipIf(!tshark)('IPv6 datagrams read back with their addresses', async () => {
    const entry = syntheticCase().trace[0]!;
    const report = syntheticReport([syntheticCase({ trace: [{ ...entry, from: '::1:40000', to: '::1:5683' }] })]);
    const file = join(tmp(), 'v6.pcapng');
    writeFileSync(file, pcapng(report));
    const [row] = await read(file, ['-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|', '-e', 'ipv6.src', '-e', 'udp.dstport', '-e', 'coap.opt.uri_path', '-e', 'udp.checksum.status']);
    expect(row).toBe('::1|5683|rd|1');
  });

  if (!tshark) it.skip(missing, () => {});
  if (tshark && dtlsMissing) it.skip(`DTLS capture skipped: ${dtlsMissing}`, () => {});
});
