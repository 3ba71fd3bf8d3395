// The management API of `serve` admits only its own callers: the bearer token (none or a wrong
// one: 401), a Host and Origin naming the server (else 403, against DNS rebinding and pages
// elsewhere), JSON bodies declared as such (else 415); it listens on 127.0.0.1 whatever the
// CoAP address, and its token file is private. A port already in use ends serve and
// bootstrap-serve with one line and exit code 2. And a harness driving the API keeps its token
// out of what reports keep.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { request, createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaunchedProcess, LaunchError } from '../../harness/targets/process-launcher.ts';
import { TargetControl } from '../../harness/targets/target-control.ts';
import { until } from '../../harness/peers/wait.ts';
import { referenceServerProfile } from '../support/reference-server-profile.ts';
import { projectRoot } from '../support/shared.ts';

const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');
const started: LaunchedProcess[] = [];

interface Served {
  process: LaunchedProcess;
  coap: string;
  /** host:port of the management API. */
  api: string;
}

/** Starts `serve` on free ports and waits for its start-up lines. */
async function serve(...flags: string[]): Promise<Served> {
  const p = await LaunchedProcess.start(process.execPath, [bin, 'serve', '--port', '0', '--http-port', '0', ...flags], { cwd: projectRoot });
  started.push(p);
  const pattern = /LwM2M server on coap:\/\/(\S+); management API on http:\/\/(\S+)/;
  const found = await until(() => p.lines().map((l) => pattern.exec(l.text)).find((m) => m !== null), { within: 20_000 });
  await until(() => p.lines().some((l) => l.text.startsWith('management API token: ')), { within: 5_000 });
  if (!found) throw new Error(`serve printed no address; output:\n${p.lines().map((l) => l.text).join('\n')}`);
  return { process: p, coap: found[1]!, api: found[2]! };
}

/** The token and file serve printed: `management API token: TOKEN (also in FILE)`. */
function printedToken(p: LaunchedProcess): { token: string; file: string } {
  const line = p.lines().map((l) => /^management API token: (\S+) \(also in (.+)\)$/.exec(l.text)).find((m) => m !== null);
  if (!line) throw new Error(`serve printed no token; output:\n${p.lines().map((l) => l.text).join('\n')}`);
  return { token: line[1]!, file: line[2]! };
}

/** An HTTP request with exactly these headers (node:http lets a test set Host, unlike fetch). */
function call(api: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; type?: string; json: { error?: string } }> {
  const [host, port] = [api.slice(0, api.lastIndexOf(':')), Number(api.slice(api.lastIndexOf(':') + 1))];
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method: options.method ?? 'GET', path: options.path ?? '/api/clients', headers: { host: api, ...options.headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, ...(res.headers['content-type'] ? { type: res.headers['content-type'] } : {}), json: JSON.parse(text) as { error?: string } }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
});

describe('serve: who may use the management API', () => {
  let served: Served;
  let token: string;
  const bearer = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    served = await serve();
    ({ token } = printedToken(served.process));
  }, 30_000);

  it('a request without the token gets 401 with a JSON error', async () => {
    const r = await call(served.api, {});
    expect(r.status).toBe(401);
    expect(r.type).toBe('application/json');
    expect(r.json.error).toMatch(/Authorization: Bearer/);
  });

  it('a wrong token, or another scheme, gets 401', async () => {
    expect((await call(served.api, { headers: { authorization: `Bearer ${token.slice(1)}x` } })).status).toBe(401);
    expect((await call(served.api, { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
  });

  it('with the token, 200', async () => {
    const r = await call(served.api, { headers: bearer() });
    expect(r.status).toBe(200);
    expect(r.json).toEqual([]);
  });

  it('a cross-origin POST is refused with 403, even with the token; the server\'s own origin is accepted', async () => {
    const post = (origin: string) =>
      call(served.api, { method: 'POST', path: '/api/clients/some-device/execute', headers: { ...bearer(), origin, 'content-type': 'application/json' }, body: '{"path":"/3/0/4"}' });
    const evil = await post('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.json.error).toMatch(/evil\.example/);
    expect((await post('null')).status).toBe(403);
    // Past the checks, the endpoint is simply not registered.
    expect((await post(`http://${served.api}`)).status).toBe(404);
    expect((await post(`http://localhost:${served.api.split(':')[1]}`)).status).toBe(404);
  });

  it('a foreign Host (DNS rebinding) is refused with 403; localhost with the port is accepted', async () => {
    const port = served.api.split(':')[1]!;
    const foreign = await call(served.api, { headers: { ...bearer(), host: `rebound.example:${port}` } });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error).toMatch(/Host/);
    expect((await call(served.api, { headers: { ...bearer(), host: '127.0.0.1:1' } })).status).toBe(403);
    expect((await call(served.api, { headers: { ...bearer(), host: `localhost:${port}` } })).status).toBe(200);
  });

  it('a text/plain or form body gets 415; JSON passes', async () => {
    const post = (type: string) => call(served.api, { method: 'POST', path: '/api/clients/some-device/execute', headers: { ...bearer(), 'content-type': type }, body: '{"path":"/3/0/4"}' });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/senml+json']) {
      const r = await post(type);
      expect(r.status, type).toBe(415);
      expect(r.json.error).toMatch(/application\/json/);
    }
    expect((await post('application/json; charset=utf-8')).status).toBe(404);
    // The create route takes a SenML JSON pack as such.
    const create = await call(served.api, { method: 'POST', path: '/api/clients/some-device/3303', headers: { ...bearer(), 'content-type': 'application/senml+json' }, body: '[{"n":"/3303/0/5700","v":1}]' });
    expect(create.status).toBe(404);
  });

  it('the token file it made is private (0600)', () => {
    const { file } = printedToken(served.process);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('serve: --http-address and --token-file', () => {
  it('the API listens on 127.0.0.1 even when CoAP listens on every address', async () => {
    const { coap, api } = await serve('--address', '0.0.0.0');
    expect(coap).toMatch(/^0\.0\.0\.0:\d+$/);
    expect(api).toMatch(/^127\.0\.0\.1:\d+$/);
  }, 30_000);

  it('a token file holding a token supplies it, and serve does not print it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'api-token-test-')), 'token');
    const token = 'fixed-token-for-a-script-0123456789';
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    const { process: p, api } = await serve('--token-file', file);
    expect(p.lines().some((l) => l.text === `management API token: read from ${file}`)).toBe(true);
    expect(p.lines().some((l) => l.text.includes(token))).toBe(false);
    expect((await call(api, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 30_000);

  it('a missing token file is created with mode 0600 and the new token', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'api-token-test-')), 'token');
    const { process: p } = await serve('--token-file', file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(printedToken(p).file).toBe(file);
  }, 30_000);

  it('a token file other users may read is refused (exit 3)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'api-token-test-')), 'token');
    writeFileSync(file, 'fixed-token-for-a-script-0123456789\n');
    chmodSync(file, 0o644);
    const r = await runToExit(['serve', '--port', '0', '--http-port', '0', '--token-file', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/may be read by other users/);
  }, 30_000);
});

/** Runs the command to its end; its exit code and stderr. */
function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('a port in use: one line, exit code 2', () => {
  let udp: Socket;
  let tcp: Server;
  let udpPort: number;
  let tcpPort: number;
  beforeAll(async () => {
    udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    udpPort = udp.address().port;
    tcp = createTcpServer();
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    tcpPort = (tcp.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
  });

  const oneLine = (stderr: string) => stderr.trim().split('\n');

  it('serve on a UDP port already bound', async () => {
    const r = await runToExit(['serve', '--port', String(udpPort), '--http-port', '0']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toEqual([`error: serve: UDP port ${udpPort} on 127.0.0.1 is in use (EADDRINUSE)`]);
  }, 30_000);

  it('serve on an HTTP port already bound', async () => {
    const r = await runToExit(['serve', '--port', '0', '--http-port', String(tcpPort)]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toEqual([`error: serve: cannot listen for the management API on 127.0.0.1:${tcpPort}: in use (EADDRINUSE)`]);
  }, 30_000);

  it('bootstrap-serve on a UDP port already bound', async () => {
    const r = await runToExit(['bootstrap-serve', '--port', String(udpPort), '--server-uri', 'coap://127.0.0.1:5683']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toEqual([`error: bootstrap-serve: UDP port ${udpPort} on 127.0.0.1 is in use (EADDRINUSE)`]);
  }, 30_000);
});

describe('a harness driving the API keeps the token out of reports', () => {
  let base = '';
  const echo = createHttpServer((req, res) => {
    res.statusCode = 500;
    res.end(`refused ${req.url} with ${req.headers.authorization}`);
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

  it('a failing driver\'s error shows the token as *', async () => {
    const secret = 'a-secret-token-0123456789abcdef';
    const profile = referenceServerProfile();
    const control = new TargetControl(
      {
        ...profile,
        launch: { kind: 'external' },
        drivers: { read: { kind: 'http', method: 'GET', url: `${base}/read?token={http.token}`, headers: { authorization: 'Bearer {http.token}' }, expectStatus: [200], timeoutS: 5 } },
      },
      { 'http.token': secret },
      [secret],
    );
    const error = (await control.drive('read').then(() => undefined, (e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(LaunchError);
    expect(error.message).toContain('answered 500');
    expect(error.message).not.toContain(secret);
    expect(error.stack).not.toContain(secret);
    expect(error.message).toContain('token=*');
  });
});
