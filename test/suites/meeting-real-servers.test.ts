// Server and bootstrap-server targets as they are: readiness by CoAP ping (a server that ignores
// GET / is still found), a failed readiness as one error naming the ping, the profile's
// `clients` form in the simulated clients' Register, Register refusals told apart (4.12: the
// version, 4.00: the payload), and a bootstrap server for any endpoint ("*").
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoapEndpoint, type IncomingRequest, type ResponseSpec } from '../../harness/coap/endpoint.ts';
import { decodeMessage } from '../../harness/coap/message.ts';
import { defineCase } from '../../harness/run/case.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { ServerSession } from '../../harness/sessions/server-session.ts';
import { parseProfile, type Profile } from '../../harness/targets/profile.ts';
import { resolveProfile } from '../../harness/targets/resolve.ts';
import { bootstrapServerCases } from '../../suites/bootstrap-server/index.ts';
import { serverCases } from '../../suites/server/index.ts';
import { referenceServerDtlsProfileFile, referenceServerProfile } from '../support/reference-server-profile.ts';
import { projectRoot } from '../support/shared.ts';
import { explain } from '../support/explain.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A UDP socket that answers only a CoAP ping (empty CON) with RST, and counts what else it ignored. */
async function pingOnlyResponder(answer = true): Promise<{ port: number; pings: number; ignored: string[] }> {
  const socket: Socket = createSocket('udp4');
  const seen = { port: 0, pings: 0, ignored: [] as string[] };
  socket.on('message', (bytes, remote) => {
    const decoded = decodeMessage(bytes);
    if (decoded.ok && decoded.message.type === 'CON' && decoded.message.code === '0.00') {
      seen.pings++;
      if (answer) socket.send(Buffer.from([0x70, 0x00, bytes[2]!, bytes[3]!]), remote.port, remote.address);
    } else seen.ignored.push(decoded.ok ? `${decoded.message.type} ${decoded.message.code}` : 'undecodable');
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  seen.port = socket.address().port;
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return seen;
}

/** A CoAP server (pings answered by the endpoint) that answers each request as `answer` says and keeps the requests. */
async function coapResponder(answer: (req: IncomingRequest) => ResponseSpec): Promise<{ port: number; requests: IncomingRequest[] }> {
  const endpoint = await CoapEndpoint.bind({ address: '127.0.0.1', port: 0, name: 'server under test' });
  const requests: IncomingRequest[] = [];
  endpoint.onRequest((req) => {
    requests.push(req);
    return answer(req);
  });
  closers.push(() => endpoint.close());
  return { port: endpoint.local.port, requests };
}

/** A Register is answered by `registerCode(query)`; everything else (De-register, Update) 2.02/2.04. */
const registrar = (registerCode: (query: string[]) => string) => (req: IncomingRequest): ResponseSpec => {
  if (req.method === 'POST' && req.path === '/rd') {
    const code = registerCode(req.query);
    return code === '2.01' ? { code, locationPath: '/rd/r1' } : { code };
  }
  if (req.method === 'DELETE') return { code: '2.02' };
  return { code: req.path === '/rd/r1' ? '2.04' : '4.04' };
};

function serverProfile(port: number, extra = ''): Profile {
  const yaml = [
    'name: server under test',
    'target:',
    '  role: server',
    '  lwm2mVersion: "1.1"',
    `  uri: coap://127.0.0.1:${port}`,
    extra,
    'timing: { startWithin: 2, responseWithin: 2, caseDeadline: 20, coap: { ackTimeout: 0.5, maxRetransmit: 1 } }',
  ].join('\n');
  return parseProfile(yaml, 'server-under-test.yaml');
}

const passing = defineCase({ id: 'X-READY', title: 'runs once the session is open', interface: 'registration', tests: 'server', since: '1.0', ref: 'r', purpose: 'p', async run(ctx) {
  ctx.check('A', 'MUST', 'the session opened', 'open', 'open');
} });
const serverCase = (id: string) => serverCases.find((c) => c.id === id)!;

describe('readiness', () => {
  it('a server that answers only a CoAP ping (never GET /) is ready, and the ping shows in the trace', async () => {
    const server = await pingOnlyResponder();
    const session = await ServerSession.open(resolveProfile(serverProfile(server.port)));
    closers.push(() => session.close());
    expect(server.pings).toBeGreaterThanOrEqual(1);
    expect(server.ignored).toEqual([]);
    const probes = session.trace.all().filter((r) => r.endpoint === 'readiness');
    expect(probes.some((r) => r.direction === 'out' && r.message?.code === '0.00' && r.message.type === 'CON')).toBe(true);
    expect(probes.some((r) => r.direction === 'in' && r.message?.type === 'RST')).toBe(true);
  });

  it('over coaps://, a ping the profile asks for travels inside the readiness handshake\'s DTLS session', async () => {
    const profile = referenceServerProfile([], referenceServerDtlsProfileFile);
    const session = await ServerSession.open(resolveProfile({ ...profile, target: { ...profile.target, readiness: 'ping' } }));
    closers.push(() => session.close());
    const probes = session.trace.all().filter((r) => r.endpoint === 'readiness' && r.security === 'dtls');
    expect(probes.some((r) => r.direction === 'out' && r.message?.code === '0.00' && r.message.type === 'CON')).toBe(true);
    expect(probes.some((r) => r.direction === 'in' && r.message?.type === 'RST')).toBe(true);
  }, 60_000);

  it('a server that never answers the ping makes the run one error naming the ping', async () => {
    const server = await pingOnlyResponder(false);
    const results = await runCases([passing], serverProfile(server.port));
    expect(results.map((r) => r.verdict)).toEqual(['error']);
    expect(results[0]!.reason).toMatch(new RegExp(`no RST to a CoAP ping at 127\\.0\\.0\\.1:${server.port} within 2 s \\(\\d+ pings\\)`));
    expect(server.pings).toBeGreaterThan(1);
  });

  it('readiness: register counts any answer to a Register as up, then de-registers', async () => {
    const server = await coapResponder(registrar(() => '2.01'));
    const [result] = await runCases([passing], serverProfile(server.port, '  readiness: register'));
    expect(result!.verdict, explain(result!)).toBe('pass');
    expect(server.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2)).toEqual(['POST /rd', 'DELETE /rd/r1']);
  });

  it('readiness: none and { delay } send nothing before the first case', async () => {
    const server = await pingOnlyResponder(false);
    for (const readiness of ['none', '{ delay: 0.1 }']) {
      const [result] = await runCases([passing], serverProfile(server.port, `  readiness: ${readiness}`));
      expect(result!.verdict, explain(result!)).toBe('pass');
    }
    expect(server.pings).toBe(0);
  });
});

describe('the simulated clients\' Register form (clients:)', () => {
  it('defaults to the C.1 form', async () => {
    const server = await coapResponder(registrar(() => '2.01'));
    const [result] = await runCases([serverCase('LightweightM2M-1.1-int-101')], serverProfile(server.port));
    expect(result!.verdict, explain(result!)).toBe('pass');
    const register = server.requests.find((r) => r.path === '/rd')!;
    expect(register.payload.toString()).toBe('</>;rt="oma.lwm2m";ct=11542,</1/0>,</3/0>');
    expect(register.query).toEqual([expect.stringMatching(/^ep=/), 'lt=86400', 'lwm2m=1.1', 'b=U']);
  });

  it('takes version, binding, objects, root content formats, lifetime and queue mode from the profile', async () => {
    const server = await coapResponder(registrar(() => '2.01'));
    const clients = 'clients: { lwm2mVersion: "1.2", binding: UT, objects: "</3/0>,</3303/0>", rootContentFormats: [110, 112], lifetime: 300, queueMode: true }';
    const [result] = await runCases([serverCase('LightweightM2M-1.1-int-101')], serverProfile(server.port, clients));
    expect(result!.verdict, explain(result!)).toBe('pass');
    const register = server.requests.find((r) => r.path === '/rd')!;
    expect(register.payload.toString()).toBe('</>;rt="oma.lwm2m";ct="110 112",</3/0>,</3303/0>');
    expect(register.query).toEqual([expect.stringMatching(/^ep=/), 'lt=300', 'lwm2m=1.2', 'b=UT', 'Q']);
  });
});

describe('Register refusals told apart', () => {
  it('4.00 to the harness\'s own Register: inconclusive, naming the payload and clients.rootContentFormats', async () => {
    const server = await coapResponder(registrar(() => '4.00'));
    const [result] = await runCases([serverCase('LWM2MC-SRV-005')], serverProfile(server.port));
    expect(result!.verdict, explain(result!)).toBe('inconclusive');
    expect(result!.reason).toContain("the server refused the Register with 4.00 (payload: root ct=11542; the profile's clients.rootContentFormats may fix this)");
  });

  it('4.12 to the harness\'s own Register: inconclusive, naming the version and clients.lwm2mVersion', async () => {
    const server = await coapResponder(registrar(() => '4.12'));
    const [result] = await runCases([serverCase('LWM2MC-SRV-005')], serverProfile(server.port));
    expect(result!.verdict, explain(result!)).toBe('inconclusive');
    expect(result!.reason).toContain("the server refused the Register with 4.12 (LwM2M version: lwm2m=1.1; the profile's clients.lwm2mVersion may fix this)");
  });

  it('int-101 says which a refusal was', async () => {
    for (const [code, says] of [['4.12', 'the server refused the LwM2M version (lwm2m=1.1)'], ['4.00', 'the server refused the payload (e.g. the root ct; sent ct=11542)']] as const) {
      const server = await coapResponder(registrar(() => code));
      const [result] = await runCases([serverCase('LightweightM2M-1.1-int-101')], serverProfile(server.port));
      expect(result!.verdict, explain(result!)).toBe('fail');
      expect(result!.checks.find((c) => c.id === 'A')!.actual).toBe(`${code}: ${says}`);
    }
  });

  it('LWM2MC-SRV-002 passes on 4.12 for lwm2m=9.9 and fails on 4.00, saying the version was refused as a bad request', async () => {
    const unsupported = (answer: string) => (query: string[]) => (query.includes('lwm2m=9.9') ? answer : '2.01');
    const right = await coapResponder(registrar(unsupported('4.12')));
    const [pass] = await runCases([serverCase('LWM2MC-SRV-002')], serverProfile(right.port));
    expect(pass!.verdict, explain(pass!)).toBe('pass');
    const wrong = await coapResponder(registrar(unsupported('4.00')));
    const [fail] = await runCases([serverCase('LWM2MC-SRV-002')], serverProfile(wrong.port));
    expect(fail!.verdict, explain(fail!)).toBe('fail');
    expect(fail!.checks.find((c) => c.id === 'A')!.actual).toBe('4.00: the server refused the version as a bad request (the same payload with lwm2m=1.1 was accepted)');
  });
});

describe('a bootstrap server for any endpoint (target.endpoint: "*")', () => {
  const file = join(projectRoot, 'fixtures', 'profiles', 'bootstrap-server-any-endpoint.yaml');
  const profile = parseProfile(readFileSync(file, 'utf8'), file);

  it('makes LWM2MC-BSS-002 not applicable, saying why', async () => {
    const bss002 = bootstrapServerCases.find((c) => c.id === 'LWM2MC-BSS-002')!;
    const [result] = await runCases([bss002], profile);
    expect(result!.verdict).toBe('not-applicable');
    expect(result!.reason).toMatch(/bootstraps any endpoint \(target\.endpoint: "\*"\)/);
  });

  it('runs the other cases with endpoint names of the harness\'s own: no error, no inconclusive', async () => {
    const results = await runCases(bootstrapServerCases, { ...profile, timing: { ...profile.timing, startWithin: 60 } });
    for (const r of results) expect(r.verdict, explain(r)).toBe(r.id === 'LWM2MC-BSS-002' ? 'not-applicable' : 'pass');
  }, 60_000);
});

describe('the bundled server in the modes that reproduce real servers', () => {
  const withArgs = (args: string[], clients?: Profile['clients']): Profile => {
    const profile = referenceServerProfile();
    if (profile.launch.kind !== 'process') throw new Error('the reference server profile launches a process');
    return { ...profile, ...(clients ? { clients } : {}), launch: { ...profile.launch, args: [...profile.launch.args, ...args] } };
  };
  const int101 = () => serverCase('LightweightM2M-1.1-int-101');

  it('serve --accept-root-ct 110,112: the default Register fails int-101 naming the refused ct; clients configured for 110 pass', async () => {
    const [refused] = await runCases([int101()], withArgs(['--accept-root-ct', '110,112']));
    expect(refused!.verdict, explain(refused!)).toBe('fail');
    expect(refused!.checks.find((c) => c.id === 'A')!.actual).toBe('4.00: the server refused the payload (e.g. the root ct; sent ct=11542)');
    const [accepted] = await runCases([int101()], withArgs(['--accept-root-ct', '110,112'], { ...referenceServerProfile().clients, rootContentFormats: [110] }));
    expect(accepted!.verdict, explain(accepted!)).toBe('pass');
  }, 90_000);

  it('serve --lwm2m-max 1.1: clients offering 1.2 get int-101 failing on the version; 1.1 clients pass', async () => {
    const [refused] = await runCases([int101()], withArgs(['--lwm2m-max', '1.1'], { ...referenceServerProfile().clients, lwm2mVersion: '1.2' }));
    expect(refused!.verdict, explain(refused!)).toBe('fail');
    expect(refused!.checks.find((c) => c.id === 'A')!.actual).toBe('4.12: the server refused the LwM2M version (lwm2m=1.2)');
    const [accepted] = await runCases([int101()], withArgs(['--lwm2m-max', '1.1']));
    expect(accepted!.verdict, explain(accepted!)).toBe('pass');
  }, 90_000);

  it('serve --ignore-unknown-requests: found ready by a CoAP ping, and int-101 passes', async () => {
    const [result] = await runCases([int101()], withArgs(['--ignore-unknown-requests']));
    expect(result!.verdict, explain(result!)).toBe('pass');
  }, 90_000);
});
