// The server suite over DTLS-PSK: the simulated clients handshake with the profile's
// credentials before they register, and a server that refuses those credentials is the
// session's error, said plainly, not a string of failed cases. The same cases run with the
// simulated clients on the JavaScript DTLS client, as on a machine without the addon.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientStackVariable, DtlsClientTransport, dtlsUnavailableReason, JsDtlsClientTransport } from '../../harness/dtls/index.ts';
import { serverCases } from '../../suites/server/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { ServerSession } from '../../harness/sessions/server-session.ts';
import { parseProfile, type Profile } from '../../harness/targets/profile.ts';
import { resolveProfile } from '../../harness/targets/resolve.ts';
import { projectRoot } from '../support/shared.ts';

const file = join(projectRoot, 'fixtures', 'profiles', 'reference-server-dtls-psk.yaml');

function profile(edit: (args: string[]) => string[] = (a) => a): Profile {
  const p = parseProfile(readFileSync(file, 'utf8'), file);
  if (p.launch.kind !== 'process') throw new Error('the profile launches a process');
  return { ...p, timing: { ...p.timing, startWithin: 30, responseWithin: 5 }, launch: { ...p.launch, args: edit([...p.launch.args]) } };
}

describe('server cases over DTLS-PSK', () => {
  it('registration, management, reporting and security cases pass against the reference server on coaps://', async () => {
    const ids = ['LightweightM2M-1.1-int-101', 'LightweightM2M-1.2-int-110', 'LWM2MC-SRV-006', 'LWM2MC-SRV-101', 'LightweightM2M-1.1-int-303', 'LWM2MC-SRV-301'];
    const results = await runCases(serverCases.filter((c) => ids.includes(c.id)), profile());
    expect(results.map((r) => [r.id, r.verdict, r.reason ?? ''])).toEqual(ids.map((id) => [id, 'pass', '']));
  }, 90_000);

  it('the simulated clients register over DTLS, under the profile\'s endpoint name', async () => {
    const session = await ServerSession.open(resolveProfile(profile()));
    try {
      const client = await session.clients.create();
      const reg = await client.register();
      expect(reg.response?.code).toBe('2.01');
      expect(client.name).toBe('urn:dev:lwm2m-conformance:probe-0001');
      const register = session.trace.all().find((r) => r.direction === 'out' && r.message?.code === '0.02');
      expect(register?.security).toBe('dtls');
    } finally {
      await session.close();
    }
  }, 60_000);

  it('a server that refuses the profile\'s key makes every case an error naming the handshake', async () => {
    const wrongKey = join(projectRoot, 'fixtures', 'credentials', 'psk-wrong-key.hex');
    const faulty = profile((args) => args.map((a) => (a === '{psk.key.file}' ? wrongKey : a)));
    const [result] = await runCases(serverCases.filter((c) => c.id === 'LightweightM2M-1.1-int-101'), faulty);
    expect(result!.verdict).toBe('error');
    expect(result!.reason).toMatch(/DTLS handshake/);
    expect(JSON.stringify(result)).not.toContain(readFileSync(wrongKey, 'utf8').trim());
  }, 60_000);
});

const dtlsMissing = dtlsUnavailableReason();

describe.skipIf(dtlsMissing)(`server cases with the simulated clients on the JavaScript DTLS client${dtlsMissing ? ` (skipped: the reference server needs the addon: ${dtlsMissing})` : ''}`, () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it(`${clientStackVariable}=js: every handshake is node-dtls-client's, and the cases pass`, async () => {
    vi.stubEnv(clientStackVariable, 'js');
    const js = vi.spyOn(JsDtlsClientTransport, 'connect');
    const native = vi.spyOn(DtlsClientTransport, 'connect');
    const ids = ['LightweightM2M-1.1-int-101', 'LWM2MC-SRV-101'];
    const results = await runCases(serverCases.filter((c) => ids.includes(c.id)), profile());
    expect(results.map((r) => [r.id, r.verdict, r.reason ?? ''])).toEqual(ids.map((id) => [id, 'pass', '']));
    expect(js).toHaveBeenCalled();
    expect(native).not.toHaveBeenCalled();
  }, 90_000);

  it(`${clientStackVariable}=js and a refused key: the case is an error naming the handshake, without the key`, async () => {
    vi.stubEnv(clientStackVariable, 'js');
    const wrongKey = join(projectRoot, 'fixtures', 'credentials', 'psk-wrong-key.hex');
    const faulty = profile((args) => args.map((a) => (a === '{psk.key.file}' ? wrongKey : a)));
    const [result] = await runCases(serverCases.filter((c) => c.id === 'LightweightM2M-1.1-int-101'), faulty);
    expect(result!.verdict).toBe('error');
    expect(result!.reason).toMatch(/DTLS handshake/);
    expect(JSON.stringify(result)).not.toContain(readFileSync(wrongKey, 'utf8').trim());
  }, 60_000);
});
