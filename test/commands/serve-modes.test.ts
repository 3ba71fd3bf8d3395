// `serve` in the modes that reproduce real servers, as separate processes over real sockets:
// each mode against the plain server's behaviour (--ignore-unknown-requests, --accept-root-ct,
// --lwm2m-max), the console's commands, and the server suite through the console-driven and the
// resource-style REST profiles.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoapEndpoint, TraceRecorder, type CoapResponse, type PeerAddress } from '../../harness/coap/index.ts';
import { LaunchedProcess } from '../../harness/targets/process-launcher.ts';
import { loadProfile } from '../../harness/targets/profile.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import type { CaseResult } from '../../harness/run/result.ts';
import { serverCases } from '../../suites/server/index.ts';
import { until } from '../../harness/peers/wait.ts';
import { projectRoot } from '../support/shared.ts';

const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');
const started: LaunchedProcess[] = [];
const trace = new TraceRecorder();
let client: CoapEndpoint;

/** Starts `serve` with `flags` on free ports; returns the process and its CoAP address. */
async function serve(...flags: string[]): Promise<{ process: LaunchedProcess; server: PeerAddress }> {
  const p = await LaunchedProcess.start(process.execPath, [bin, 'serve', '--port', '0', '--http-port', '0', ...flags], { cwd: projectRoot });
  started.push(p);
  const pattern = /LwM2M server on coap:\/\/([\d.]+):(\d+)/;
  const found = await until(() => p.lines().map((l) => pattern.exec(l.text)).find((m) => m !== null), { within: 20_000 });
  if (!found) throw new Error(`serve printed no address; output:\n${p.lines().map((l) => l.text).join('\n')}`);
  return { process: p, server: { address: found[1]!, port: Number(found[2]) } };
}

/** The simulated clients' default object list: its root link names TLV. */
const defaultObjectList = '</>;rt="oma.lwm2m";ct=11542,</1/0>,</3/0>';

function register(server: PeerAddress, ep: string, options: { lwm2m?: string; links?: string } = {}): Promise<CoapResponse> {
  return client.request(server, {
    method: 'POST',
    path: '/rd',
    query: [`ep=${ep}`, `lwm2m=${options.lwm2m ?? '1.1'}`, 'lt=60'],
    payload: options.links ?? defaultObjectList,
    contentFormat: 40,
  });
}

beforeAll(async () => {
  // Short timers: a request the server leaves unanswered gives up within a second.
  client = await CoapEndpoint.bind({ name: 'test-client', trace, params: { ackTimeoutMs: 300, maxRetransmit: 1 } });
  // Answers what the console's commands send, so their results can be read back.
  client.onRequest((req) => {
    if (req.method === 'GET') return { code: '2.05', contentFormat: 0, payload: 'Open Mobile Alliance' };
    if (req.method === 'POST' && req.path === '/3303') return { code: '2.01', locationPath: '/3303/1' };
    return { code: req.method === 'DELETE' ? '2.02' : '2.04' };
  });
});

afterAll(async () => {
  await client.close();
  await Promise.all(started.map((p) => p.stop()));
});

describe('serve --ignore-unknown-requests', () => {
  /** Sends CON GET / and then a CoAP ping; once the ping's RST is back, what came for the GET (the server reads in order). */
  async function getThenPing(server: PeerAddress, mid: number): Promise<{ getAnswer?: string; pingAnswer: string }> {
    const mark = trace.mark();
    await client.sendRaw(server, Buffer.from([0x40, 0x01, mid >> 8, mid & 0xff]));
    await client.sendRaw(server, Buffer.from([0x40, 0x00, (mid + 1) >> 8, (mid + 1) & 0xff]));
    const reply = (m: number) => (r: { direction: string; message?: { messageId: number } }) => r.direction === 'in' && r.message?.messageId === m;
    const ping = await trace.waitFor(reply(mid + 1), 10_000, mark);
    const get = trace.since(mark).find(reply(mid));
    return { pingAnswer: `${ping.message!.type} ${ping.message!.code}`, ...(get ? { getAnswer: `${get.message!.type} ${get.message!.code}` } : {}) };
  }

  it('plain serve answers a CON GET / with 4.04', async () => {
    const { server } = await serve();
    expect(await getThenPing(server, 0x1000)).toEqual({ getAnswer: 'ACK 4.04', pingAnswer: 'RST 0.00' });
  }, 30_000);

  it('with the flag, a CON GET / gets neither ACK nor response, while a ping still gets RST', async () => {
    const { server } = await serve('--ignore-unknown-requests');
    expect(await getThenPing(server, 0x2000)).toEqual({ pingAnswer: 'RST 0.00' });
    // Retransmitted, still unanswered; a Register is served as ever.
    await expect(client.request(server, { method: 'GET', path: '/' })).rejects.toThrow();
    expect((await register(server, 'ignoring-1')).code).toBe('2.01');
  }, 30_000);
});

describe('serve --accept-root-ct and --lwm2m-max', () => {
  let plain: PeerAddress;
  let picky: PeerAddress;
  beforeAll(async () => {
    [{ server: plain }, { server: picky }] = await Promise.all([serve(), serve('--accept-root-ct', '110,112', '--lwm2m-max', '1.1')]);
  }, 30_000);

  it('plain serve accepts the default Register (ct=11542) and LwM2M 1.2', async () => {
    expect((await register(plain, 'plain-1')).code).toBe('2.01');
    expect((await register(plain, 'plain-2', { lwm2m: '1.2' })).code).toBe('2.01');
  });

  it('--accept-root-ct 110,112 refuses the default Register with 4.00 naming the ct, and accepts ct=110 or no ct', async () => {
    const refused = await register(picky, 'picky-1');
    expect(refused.code).toBe('4.00');
    expect(refused.payload.toString()).toMatch(/content format 11542 of the root link is not supported/);
    expect((await register(picky, 'picky-2', { links: '</>;rt="oma.lwm2m";ct=110,</1/0>,</3/0>' })).code).toBe('2.01');
    expect((await register(picky, 'picky-3', { links: '</>;rt="oma.lwm2m",</1/0>,</3/0>' })).code).toBe('2.01');
  });

  it('--lwm2m-max 1.1 answers a 1.2 Register with 4.12 and accepts 1.0 and 1.1', async () => {
    const links = '</1/0>,</3/0>';
    expect((await register(picky, 'picky-4', { lwm2m: '1.2', links })).code).toBe('4.12');
    expect((await register(picky, 'picky-5', { lwm2m: '1.1', links })).code).toBe('2.01');
    expect((await register(picky, 'picky-6', { lwm2m: '1.0', links })).code).toBe('2.01');
  });
});

describe('serve --console', () => {
  it('numbers clients as they register and answers each command on one line', async () => {
    const { process: p, server } = await serve('--console');
    const since = performance.now();
    const answer = async (line: string, pattern: RegExp) => {
      const at = performance.now();
      p.writeLine(line);
      const found = await until(() => p.lines(at).find((l) => pattern.test(l.text)), { within: 10_000 });
      if (!found) throw new Error(`no answer to "${line}" matching ${pattern}; output:\n${p.lines(since).map((l) => l.text).join('\n')}`);
      return found.text;
    };
    expect((await register(server, 'console-a')).code).toBe('2.01');
    expect((await register(server, 'console-b', { lwm2m: '1.2' })).code).toBe('2.01');
    expect(await until(() => p.lines(since).find((l) => l.text === 'registered client 2: console-b'), { within: 10_000 })).toBeDefined();
    // A second Register keeps the endpoint's number.
    expect((await register(server, 'console-a')).code).toBe('2.01');
    expect(await answer('list', /^list => /)).toBe('list => 2 clients');
    expect(p.lines(since).some((l) => l.text === 'client 1: console-a objects=</>;rt="oma.lwm2m";ct=11542,</1/0>,</3/0>')).toBe(true);
    expect(await answer('show 2', /^show 2 => /)).toMatch(/^show 2 => client 2: console-b location=\/rd\/\S+ lwm2m=1\.2 binding=U lifetime=60 queue=no objects=/);
    expect(await answer('read 1 /3/0/0', /^read 1 /)).toBe('read 1 /3/0/0 => 2.05 ct=0 text=Open Mobile Alliance');
    expect(await answer('write 1 /1/0/1 60', /^write 1 /)).toBe('write 1 /1/0/1 => 2.04');
    expect(await answer('execute 1 /1/0/8', /^execute 1 /)).toBe('execute 1 /1/0/8 => 2.04');
    expect(await answer('write-attributes 1 /3/0/0 pmin=1&pmax=5', /^write-attributes 1 /)).toBe('write-attributes 1 /3/0/0 => 2.04');
    expect(await answer('create 1 /3303 tlv 0701e4164441ac0000', /^create 1 /)).toBe('create 1 /3303 => 2.01');
    expect(await answer('delete 1 /3303/1', /^delete 1 /)).toBe('delete 1 /3303/1 => 2.02');
    expect(await answer('read 7 /3/0/0', /^read 7 /)).toBe('read 7 /3/0/0 => error: no client 7');
    expect(await answer('create 1 /3303 tlv zz', /^create 1 /)).toBe('create 1 /3303 => error: a tlv payload is given in hex');
    expect(await answer('frobnicate', /^frobnicate/)).toMatch(/unknown command "frobnicate"/);
  }, 60_000);
});

const explain = (results: CaseResult[]) =>
  results
    .filter((r) => r.verdict !== 'pass')
    .map((r) => `${r.id}: ${r.verdict} ${r.reason ?? ''}\n${r.checks.map((c) => `  ${c.id} ${c.verdict} ${JSON.stringify(c.actual)}`).join('\n')}`)
    .join('\n');
const needsDtls = (id: string) => (serverCases.find((c) => c.id === id)!.requires ?? []).some((f) => f.startsWith('security:'));
const profile = (name: string) => loadProfile(join(projectRoot, 'fixtures', 'profiles', name));

describe('the server suite through other front ends of serve', () => {
  it('server-console.yaml (stdin drivers with expect and capture): every case passes', async () => {
    const results = await runCases(serverCases, await profile('server-console.yaml'));
    expect(results.map((r) => [r.id, r.verdict]), explain(results)).toEqual(results.map((r) => [r.id, needsDtls(r.id) ? 'not-applicable' : 'pass']));
  }, 120_000);

  it('server-http-api.yaml (resource-style routes, a SenML JSON create): the driven cases pass', async () => {
    const driven = serverCases.filter((c) => (c.requires ?? []).some((f) => f.startsWith('driver:')));
    const results = await runCases(driven, await profile('server-http-api.yaml'));
    expect(results.map((r) => [r.id, r.verdict]), explain(results)).toEqual(results.map((r) => [r.id, 'pass']));
  }, 120_000);
});
