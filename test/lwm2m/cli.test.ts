// The decode and encode commands, called as functions with a capturing CommandIO.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCommand } from '../../harness/commands/decode.ts';
import { encodeCommand } from '../../harness/commands/encode.ts';
import type { CommandIO } from '../../harness/commands/io.ts';

function capture(): CommandIO & { stdout: string[]; stderr: string[]; raw: Uint8Array[]; bytes(b: Uint8Array): void } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const raw: Uint8Array[] = [];
  return { stdout, stderr, raw, out: (t) => stdout.push(t), err: (t) => stderr.push(t), bytes: (b) => raw.push(b) };
}

describe('decode command', () => {
  it('decodes TLV at a path with the core model', async () => {
    const io = capture();
    const code = await decodeCommand(['--format', 'tlv', '--path', '/3/0', '--hex', 'c800144f70656e204d6f62696c6520416c6c69616e6365c10964'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout.join(''))).toEqual([
      { path: '/3/0/0', type: 'string', value: 'Open Mobile Alliance' },
      { path: '/3/0/9', type: 'integer', value: 100 },
    ]);
  });
  it('accepts the format by number, and legacy numbers', async () => {
    const io = capture();
    expect(await decodeCommand(['--format', '1542', '--path', '/3/0/9', '--hex', 'c10964'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join(''))).toEqual([{ path: '/3/0/9', type: 'integer', value: 100 }]);
  });
  it('prints link-format as links', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lwm2m-cli-')), 'reg.txt');
    writeFileSync(file, '</>;rt="oma.lwm2m",</1/0>');
    const io = capture();
    expect(await decodeCommand(['--format', 'link-format', '--file', file], io)).toBe(0);
    expect(JSON.parse(io.stdout.join(''))).toEqual([
      { uri: '/', attributes: [{ name: 'rt', value: 'oma.lwm2m', quoted: true }] },
      { uri: '/1/0', attributes: [] },
    ]);
  });
  it('reports a decode error with its offset and exit 1', async () => {
    const io = capture();
    expect(await decodeCommand(['--format', 'senml-cbor', '--hex', '81a3'], io)).toBe(1);
    expect(io.stderr.join('')).toMatch(/senml-cbor: .* at byte \d+/);
  });
  it('bad flags give one message and exit 3', async () => {
    for (const args of [[], ['--format', 'nope', '--hex', '00'], ['--format', 'tlv'], ['--format', 'tlv', '--hex', 'zz'], ['--format', 'tlv', '--bogus'], ['--format', 'tlv', '--hex', '00', '--path', 'x']]) {
      const io = capture();
      expect(await decodeCommand(args, io), args.join(' ')).toBe(3);
      expect(io.stderr.length).toBe(1);
    }
  });
  it('an unreadable --objects directory is a usage error', async () => {
    const io = capture();
    expect(await decodeCommand(['--format', 'tlv', '--hex', 'c10964', '--path', '/3/0/9', '--objects', '/nonexistent-dir'], io)).toBe(3);
  });
});

describe('encode command', () => {
  it('encodes nodes to hex', async () => {
    const io = capture();
    const code = await encodeCommand(['--format', 'tlv', '--path', '/3/0/9', '--json', '[{"path":"/3/0/9","type":"integer","value":100}]', '--hex'], io);
    expect(code).toBe(0);
    expect(io.stdout).toEqual(['c10964']);
  });
  it('writes text formats as text and binary as bytes', async () => {
    const text = capture();
    expect(await encodeCommand(['--format', '110', '--json', '[{"path":"/3/0/9","type":"integer","value":100}]'], text)).toBe(0);
    expect(text.stdout).toEqual(['[{"bn":"/3/0/9","v":100}]']);
    const bin = capture();
    expect(await encodeCommand(['--format', 'cbor', '--json', '{"path":"/3/0/9","type":"integer","value":100}'], bin)).toBe(0);
    expect(Buffer.from(bin.raw[0] ?? []).toString('hex')).toBe('1864');
  });
  it('encodes links for link-format', async () => {
    const io = capture();
    expect(await encodeCommand(['--format', '40', '--json', '[{"uri":"/1/0","attributes":[{"name":"ver","value":"1.1"}]}]'], io)).toBe(0);
    expect(io.stdout).toEqual(['</1/0>;ver=1.1']);
  });
  it('round trips with decode', async () => {
    const enc = capture();
    const nodes = [{ path: '/3/0/0', type: 'string', value: 'x' }, { path: '/3/0/9', type: 'integer', value: '9223372036854775807' }];
    expect(await encodeCommand(['--format', 'lwm2m-cbor', '--path', '/3/0', '--json', JSON.stringify(nodes), '--hex'], enc)).toBe(0);
    const dec = capture();
    expect(await decodeCommand(['--format', 'lwm2m-cbor', '--path', '/3/0', '--hex', enc.stdout[0] ?? ''], dec)).toBe(0);
    expect(JSON.parse(dec.stdout.join(''))).toEqual(nodes);
  });
  it('--dialect writes as a named implementation does; --profile is the target profile\'s flag, not the encoder\'s', async () => {
    const float = ['--format', 'cbor', '--json', '{"path":"/3303/0/5700","type":"float","value":1.5}', '--hex'];
    const shortest = capture();
    const zephyr = capture();
    expect(await encodeCommand(float, shortest)).toBe(0);
    expect(await encodeCommand([...float, '--dialect', 'zephyr'], zephyr)).toBe(0);
    expect(shortest.stdout).toEqual(['f93e00']);
    expect(zephyr.stdout).toEqual(['fb3ff8000000000000']);
    const old = capture();
    expect(await encodeCommand([...float, '--profile', 'zephyr'], old)).toBe(3);
    expect(await encodeCommand([...float, '--dialect', 'nope'], capture())).toBe(3);
  });
  it('bad input gives exit 3', async () => {
    for (const args of [['--json', '[]'], ['--format', 'tlv', '--json', 'not json'], ['--format', 'tlv', '--json', '[{"path":"/3/0/9","type":"nope","value":1}]'], ['--format', 'text', '--json', '[{"path":"/3/0/6/0","type":"integer","value":1},{"path":"/3/0/6/1","type":"integer","value":2}]']]) {
      const io = capture();
      expect(await encodeCommand(args, io), args.join(' ')).toBe(3);
      expect(io.stderr.length).toBe(1);
    }
  });
});
