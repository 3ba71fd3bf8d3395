// A profile is checked completely when it loads: credentials read and parsed, addresses and
// ports usable, values consistent with each other, inline secrets only in fixtures, a size
// limit before parsing, no YAML aliases. Each mistake is exit 3 with file, line and field, the
// same from check-profile and run, before any target starts.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli.ts';
import { resolveTarget } from '../../harness/targets/resolve.ts';
import { projectRoot } from '../support/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'profile-load-checks-'));
const credentials = join(projectRoot, 'fixtures', 'credentials');
const credential = (name: string) => join(credentials, name);
writeFileSync(join(dir, 'identity.txt'), 'dev-1\n');
writeFileSync(join(dir, 'not-a-cert.pem'), 'hello\n');
writeFileSync(join(dir, 'garbage-key.pem'), '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n');
mkdirSync(join(dir, 'a-directory'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const envUnset = 'LWM2M_LOAD_CHECKS_UNSET_KEY';
const envNotHex = 'LWM2M_LOAD_CHECKS_NOT_HEX_KEY';
delete process.env[envUnset];
process.env[envNotHex] = 'not hex at all';

const device = (rest: string) => `name: device\ntarget:\n  role: client\n  lwm2mVersion: "1.1"\n  endpoint: dev-1\n${rest}`;
const x509 = (fields: Record<string, string>) =>
  device(`  security:\n    mode: x509\n${Object.entries(fields).map(([k, file]) => `    ${k}: { file: ${file} }\n`).join('')}`);
const validPair = { certificate: credential('server-cert.pem'), privateKey: credential('server-key.pem') };

/** Each row: a profile, the text of the line the error points at, its field, and what it says. */
const rows: { name: string; yaml: string; at: string; field: string; says: RegExp }[] = [
  { name: 'harness address not an IP address', yaml: device('harness: { address: 999.1.1.1 }\n'), at: 'harness:', field: 'harness.address', says: /expected an IP address .* or localhost, found "999\.1\.1\.1"/ },
  { name: 'harness address a host name', yaml: device('harness:\n  address: my-laptop\n'), at: '  address: my-laptop', field: 'harness.address', says: /or localhost, found "my-laptop"/ },
  { name: 'harness port out of range', yaml: device('harness:\n  port: 65536\n'), at: '  port: 65536', field: 'harness.port', says: /at most 65535/ },
  { name: 'harness port fractional', yaml: device('harness:\n  port: 5683.5\n'), at: '  port: 5683.5', field: 'harness.port', says: /whole number/ },
  { name: 'bootstrap port equal to the server port', yaml: device('harness:\n  port: 5683\n  bootstrapPort: 5683\n'), at: '  bootstrapPort: 5683', field: 'harness.bootstrapPort', says: /same address as the LwM2M server/ },
  { name: 'server uri port out of range', yaml: 'name: s\ntarget:\n  role: server\n  lwm2mVersion: "1.1"\n  uri: coap://127.0.0.1:99999\n', at: '  uri: coap', field: 'target.uri', says: /a UDP port \(0-65535\).*"99999"/ },
  { name: 'server uri host not an IPv4 address', yaml: 'name: s\ntarget:\n  role: server\n  lwm2mVersion: "1.1"\n  uri: coap://999.1.1.1:5683\n', at: '  uri: coap', field: 'target.uri', says: /"999\.1\.1\.1" is not an IPv4 address/ },
  { name: 'pmin above pmax', yaml: device('timing:\n  pmin: 20\n  pmax: 10\n'), at: '  pmin: 20', field: 'timing.pmin', says: /timing\.pmin \(20\) is above timing\.pmax \(10\)/ },
  { name: 'pmin above the default pmax', yaml: device('timing:\n  pmin: 16\n'), at: '  pmin: 16', field: 'timing.pmin', says: /timing\.pmax \(15, the default\)/ },
  { name: 'pmax below the default pmin', yaml: device('timing:\n  pmax: 4\n'), at: '  pmax: 4', field: 'timing.pmax', says: /timing\.pmin \(5, the default\) is above timing\.pmax \(4\)/ },
  { name: 'zero tolerance', yaml: device('timing:\n  tolerance: 0\n'), at: '  tolerance: 0', field: 'timing.tolerance', says: /expected more than 0, found 0/ },
  { name: 'zero response deadline', yaml: device('timing:\n  responseWithin: 0\n'), at: '  responseWithin: 0', field: 'timing.responseWithin', says: /at least 0\.1/ },
  {
    name: 'inline value outside fixtures/',
    yaml: device(`  security:\n    mode: psk\n    identity: { file: identity.txt }\n    key:\n      value: "00112233"\n`),
    at: '      value:',
    field: 'target.security.key.value',
    says: /only for the project's test fixtures; put the secret in a file \(\{ file: PATH \}\) or an environment variable \(\{ env: NAME \}\)/,
  },
  { name: 'PSK key from an unset variable', yaml: device(`  security:\n    mode: psk\n    identity: { file: identity.txt }\n    key: { env: ${envUnset} }\n`), at: '    key:', field: 'target.security.key', says: new RegExp(`environment variable ${envUnset} is not set`) },
  { name: 'PSK key not hex', yaml: device(`  security:\n    mode: psk\n    identity: { file: identity.txt }\n    key: { env: ${envNotHex} }\n`), at: '    key:', field: 'target.security.key', says: /the PSK key is not hex/ },
  { name: 'credential file missing', yaml: device(`  security:\n    mode: psk\n    identity: { file: missing.txt }\n    key: { env: ${envUnset} }\n`), at: '    identity:', field: 'target.security.identity.file', says: /cannot read .*missing\.txt/ },
  { name: 'credential file a directory', yaml: device(`  security:\n    mode: psk\n    identity: { file: a-directory }\n    key: { file: ${credential('psk-key.hex')} }\n`), at: '    identity:', field: 'target.security.identity', says: /a-directory is not a regular file/ },
  { name: 'certificate not PEM', yaml: x509({ ...validPair, certificate: 'not-a-cert.pem' }), at: '    certificate:', field: 'target.security.certificate', says: /not a PEM certificate/ },
  { name: 'private key that does not parse', yaml: x509({ ...validPair, privateKey: 'garbage-key.pem' }), at: '    privateKey:', field: 'target.security.privateKey', says: /not a valid PEM private key/ },
  { name: 'private key of another certificate', yaml: x509({ ...validPair, privateKey: credential('client-key.pem') }), at: '    privateKey:', field: 'target.security.privateKey', says: /does not belong to certificate \(CN=localhost\)/ },
  { name: 'CA that is no certificate', yaml: x509({ ...validPair, ca: credential('ca-key.pem') }), at: '    ca:', field: 'target.security.ca', says: /not a PEM certificate/ },
  { name: 'mismatch certificate without its key', yaml: x509({ ...validPair, mismatchCertificate: credential('wrong-server-cert.pem') }), at: '    mismatchCertificate:', field: 'target.security.mismatchCertificate', says: /needs "mismatchPrivateKey" too/ },
  { name: 'mismatch key of another certificate', yaml: x509({ ...validPair, mismatchCertificate: credential('wrong-server-cert.pem'), mismatchPrivateKey: credential('server-key.pem') }), at: '    mismatchPrivateKey:', field: 'target.security.mismatchPrivateKey', says: /does not belong to mismatchCertificate/ },
  { name: 'YAML alias', yaml: device('drivers:\n  reboot: &reboot { shell: "ssh dut reboot" }\n  factory-reset: *reboot\n'), at: '  factory-reset:', field: 'drivers.factory-reset', says: /YAML aliases \(\*reboot\) are not supported in a profile; write the value out/ },
  { name: 'YAML merge key', yaml: device('timing:\n  <<: { pmin: 1 }\n'), at: '  <<:', field: 'timing.<<', says: /YAML merge keys \(<<\) are not supported/ },
  { name: 'duplicate key', yaml: device('timing:\n  pmin: 1\n  pmin: 2\n'), at: '  pmin: 2', field: 'timing.pmin', says: /duplicate key "pmin" \(first at line 7\)/ },
];

/** The CLI in this process: exit code and what it wrote to stderr. */
async function cli(args: string[]): Promise<{ code: number; err: string; out: string }> {
  let err = '';
  let out = '';
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, err, out };
}

let written = 0;
function profileFile(yaml: string, where = dir): string {
  const file = join(where, `profile-${++written}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

const lineOf = (yaml: string, start: string) => yaml.split('\n').findIndex((l) => l.startsWith(start)) + 1;

describe('profile checks at load time', () => {
  it.each(rows)('$name: exit 3 from check-profile and run, with file:line and field', async ({ yaml, at, field, says }) => {
    const file = profileFile(yaml);
    const line = lineOf(yaml, at);
    expect(line, `"${at}" is in the profile`).toBeGreaterThan(0);
    const checked = await cli(['check-profile', file]);
    expect(checked.code, checked.err + checked.out).toBe(3);
    expect(checked.err).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: ${field.replace(/[.*+?^${}()|[\]\\<]/g, '\\$&')}: `));
    expect(checked.err).toMatch(says);
    expect(checked.err.trim().split('\n')).toHaveLength(1);
    // --case selects nothing: were the profile accepted, run would stop there with another message.
    const ran = await cli(['run', '--profile', file, '--case', 'no-such-case', '--report-dir', join(dir, 'reports')]);
    expect(ran.code).toBe(3);
    expect(ran.err).toBe(checked.err);
  });

  it('a PSK key that is hex, from a set variable, loads', async () => {
    process.env.LWM2M_LOAD_CHECKS_GOOD_KEY = '00 11 aa';
    const file = profileFile(device(`  security:\n    mode: psk\n    identity: { file: identity.txt }\n    key: { env: LWM2M_LOAD_CHECKS_GOOD_KEY }\n`));
    expect((await resolveTarget(file)).credentials.psk).toEqual({ identity: 'dev-1', keyHex: '0011aa' });
  });

  it('accepts localhost and IPv6 addresses, and pmin equal to pmax', async () => {
    for (const address of ['localhost', '::1', '0.0.0.0', '127.0.0.1']) {
      const file = profileFile(device(`harness: { address: "${address}" }\ntiming: { pmin: 3, pmax: 3 }\n`));
      expect((await resolveTarget(file)).profile.harness.address).toBe(address);
    }
  });

  it('reads and checks the certificates of the x509 fixture', async () => {
    const { credentials } = await resolveTarget(join(projectRoot, 'fixtures', 'profiles', 'reference-device-dtls-x509.yaml'));
    expect(credentials.certificate?.cert).toContain('BEGIN CERTIFICATE');
    expect(credentials.certificate?.ca).toContain('BEGIN CERTIFICATE');
    expect(credentials.mismatch?.key).toContain('PRIVATE KEY');
  });

  it('every fixture profile resolves, credentials included', async () => {
    process.env.DEVICE_PSK_HEX ??= readFileSync(credential('psk-key.hex'), 'utf8').trim();
    const profiles = join(projectRoot, 'fixtures', 'profiles');
    for (const name of readdirSync(profiles).filter((f) => f.endsWith('.yaml'))) {
      const target = await resolveTarget(join(profiles, name));
      expect(target.profile.name.length, name).toBeGreaterThan(0);
    }
  });

  it('an inline value is accepted in a profile under fixtures/', async () => {
    const fixtureDir = mkdtempSync(join(projectRoot, 'fixtures', '.load-checks-'));
    try {
      const file = profileFile(device(`  security:\n    mode: psk\n    identity: { value: dev-1 }\n    key: { value: "0011" }\n`), fixtureDir);
      expect((await resolveTarget(file)).credentials.psk).toEqual({ identity: 'dev-1', keyHex: '0011' });
    } finally {
      rmSync(fixtureDir, { recursive: true, force: true });
    }
  });

  it('a profile larger than 1 MiB is refused before it is parsed; one just below loads', async () => {
    const head = device('features:\n  objects: [1, 3]\n');
    const padding = (size: number) => `${head}${'#'.repeat(size - head.length - 1)}\n`;
    const tooLarge = profileFile(padding(1024 * 1024 + 1));
    for (const args of [['check-profile', tooLarge], ['run', '--profile', tooLarge]]) {
      const r = await cli(args);
      expect(r.code).toBe(3);
      expect(r.err).toBe(`error: ${tooLarge}: the file is larger than 1 MiB (1048577 bytes), the most a profile may have; it was not parsed\n`);
    }
    expect((await resolveTarget(profileFile(padding(1024 * 1024)))).profile.name).toBe('device');
  });

  it('an alias bomb is refused at its first alias, at once', async () => {
    // Nine uses per level, eight levels: 43 million strings if each alias were expanded.
    const fields = ['bindings', 'formats', 'objects', 'resources', 'operations', 'bootstrap', 'security', 'firmwareDelivery'];
    const bomb = fields.map((field, i) => `  ${field}: &l${i} [${Array(9).fill(i === 0 ? 'U' : `*l${i - 1}`).join(', ')}]`).join('\n');
    const yaml = device(`features:\n${bomb}\n`);
    const file = profileFile(yaml);
    const started = performance.now();
    const r = await cli(['check-profile', file]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`${file}:${lineOf(yaml, '  formats:')}:`);
    expect(r.err).toContain('features.formats[0]: YAML aliases (*l0) are not supported in a profile');
  });
});

describe('profile checks at load time, as a user runs them', () => {
  const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');
  async function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: projectRoot, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout: string; stderr: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('a bad credential stops run before the target is launched: exit 3, one line, the same as check-profile', async () => {
    const marker = join(dir, 'launched');
    const yaml = device(`  security:\n    mode: x509\n    certificate: { file: not-a-cert.pem }\n    privateKey: { file: ${credential('server-key.pem')} }\n`) +
      `launch:\n  kind: process\n  command: touch\n  args: ["${marker}"]\n`;
    const file = profileFile(yaml);
    const ran = await spawnCli(['run', '--profile', file, '--report-dir', join(dir, 'spawned-reports')]);
    const checked = await spawnCli(['check-profile', file]);
    expect(ran.code, ran.stderr).toBe(3);
    expect(checked.code).toBe(3);
    expect(ran.stderr).toBe(`error: ${file}:${lineOf(yaml, '    certificate:')}:18: target.security.certificate: not a PEM certificate (no "-----BEGIN CERTIFICATE-----")\n`);
    expect(checked.stderr).toBe(ran.stderr);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(dir, 'spawned-reports'))).toBe(false);
  }, 60_000);
});
