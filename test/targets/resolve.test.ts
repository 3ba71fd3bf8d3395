// resolveTarget: one resolved target per run, every timing filled, the profile read once.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolveProfile, resolveTarget } from '../../harness/targets/resolve.ts';
import { parseProfile } from '../../harness/targets/profile.ts';
import { projectRoot } from '../support/shared.ts';

const referenceProfile = join(projectRoot, 'fixtures', 'profiles', 'reference-device.yaml');

describe('resolveTarget', () => {
  it('fills every timing in milliseconds and the CoAP transmission parameters from the profile', async () => {
    const target = await resolveTarget(referenceProfile);
    for (const [field, value] of Object.entries(target.view.timing)) expect(Number.isFinite(value), field).toBe(true);
    expect(target.transmission.ackTimeoutMs).toBe(target.profile.timing.coap.ackTimeout * 1000);
    expect(target.transmission.maxRetransmit).toBe(target.profile.timing.coap.maxRetransmit);
    expect(target.view.timing.caseDeadlineMs).toBe(target.profile.timing.caseDeadline * 1000);
  });

  it('defaults the timings a profile leaves out', () => {
    const profile = parseProfile('name: d\ntarget: { role: client, lwm2mVersion: "1.1", endpoint: ep }\n', 'd.yaml');
    const { view, transmission } = resolveProfile(profile);
    expect(view.timing).toMatchObject({ pminS: 5, pmaxS: 15, sendPeriodMs: 30_000, queueAwakeMs: 93_000, startWithinMs: 30_000 });
    // MAX_TRANSMIT_WAIT of RFC 7252's defaults: 2 s × (2^5 − 1) × 1.5.
    expect(view.timing.maxTransmitWaitMs).toBe(93_000);
    expect(transmission.ackTimeoutMs).toBe(2000);
  });

  it('resolves readiness (a ping over coap://, a handshake over coaps://, else the profile\'s) and the clients\' Register form', () => {
    const server = (uri: string, extra = '') => resolveProfile(parseProfile(`name: s\ntarget: { role: server, lwm2mVersion: "1.1", uri: "${uri}"${extra} }\n`, 's.yaml'));
    expect(server('coap://127.0.0.1:5683').readiness).toBe('ping');
    expect(server('coap://127.0.0.1:5683', ', readiness: { delay: 3 }').readiness).toEqual({ delay: 3 });
    const psk = ', security: { mode: psk, identity: { value: id }, key: { value: "00" } }';
    expect(server('coaps://127.0.0.1:5684', psk).readiness).toBe('handshake');
    expect(server('coaps://127.0.0.1:5684', `${psk}, readiness: register`).readiness).toBe('register');
    expect(server('coap://127.0.0.1:5683').clients).toEqual({ lwm2mVersion: '1.1', binding: 'U', objects: '</1/0>,</3/0>', rootContentFormats: [11542], lifetime: 86400, queueMode: false });
    const custom = resolveProfile(parseProfile('name: s\ntarget: { role: server, lwm2mVersion: "1.2", uri: "coap://h:1" }\nclients: { rootContentFormats: [110, 112] }\n', 's.yaml'));
    expect(custom.clients).toMatchObject({ lwm2mVersion: '1.1', rootContentFormats: [110, 112] });
  });

  it('reads the credentials once, and refuses a PSK key that is not hex with the file and field', () => {
    const yaml = (key: string) =>
      `name: d\ntarget:\n  role: client\n  lwm2mVersion: "1.1"\n  endpoint: ep\n  security: { mode: psk, identity: { value: id }, key: { value: "${key}" } }\n`;
    expect(resolveProfile(parseProfile(yaml('00 11 aa'), 'd.yaml')).credentials.psk).toEqual({ identity: 'id', keyHex: '0011aa' });
    expect(() => resolveProfile(parseProfile(yaml('xyz'), 'd.yaml'))).toThrow(/d\.yaml: target\.security\.key: the PSK key is not hex/);
  });

  it('a run reads the profile file once, in the CLI process; the case worker gets the resolved target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lwm2m-reads-'));
    try {
      const log = join(dir, 'reads.log');
      const preload = pathToFileURL(join(projectRoot, 'test', 'support', 'count-reads.mjs')).href;
      await promisify(execFile)(
        process.execPath,
        [join(projectRoot, 'bin', 'lwm2m-conformance.js'), 'run', '--profile', referenceProfile, '--case', 'LightweightM2M-1.1-int-101', '--report-dir', join(dir, 'report'), '--quiet'],
        {
          cwd: projectRoot,
          timeout: 60_000,
          env: { ...process.env, NODE_OPTIONS: `--import=${preload}`, LWM2M_COUNT_READS_OF: referenceProfile, LWM2M_COUNT_READS_LOG: log },
        },
      );
      const reads = readFileSync(log, 'utf8').trim().split('\n');
      expect(reads).toHaveLength(1);
      const results = JSON.parse(readFileSync(join(dir, 'report', 'results.json'), 'utf8')) as { cases: { verdict: string }[] };
      expect(results.cases.map((c) => c.verdict)).toEqual(['pass']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
