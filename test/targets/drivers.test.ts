// Drivers against small local stand-ins: a process reading stdin, shell commands, an HTTP
// server, and a prompt with no terminal; payloads rendered in a driver's declared format.
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDriver } from '../../harness/targets/run-driver.ts';
import { LaunchError, LaunchedProcess } from '../../harness/targets/process-launcher.ts';
import { until } from '../../harness/peers/wait.ts';
import type { PayloadFormat } from '../../harness/targets/driver-payload.ts';

const context = { profileFile: 'p.yaml', placeholders: { endpoint: 'dev-1', path: '/3/0/1' } };

describe('stdin driver', () => {
  it('writes its line, placeholders filled, to the launched process', async () => {
    const p = await LaunchedProcess.start(process.execPath, ['-e', `process.stdin.on('data', (d) => console.log('cmd ' + String(d).trim()))`], {});
    try {
      await runDriver({ kind: 'stdin', line: 'read {path}' }, { ...context, name: 'read', writeLine: (l) => p.writeLine(l) });
      expect(await until(() => p.lines().find((l) => l.text === 'cmd read /3/0/1'), { within: 5000 })).toBeDefined();
    } finally {
      await p.stop();
    }
  });

  it('without a process it is a launch error', async () => {
    await expect(runDriver({ kind: 'stdin', line: 'reboot' }, { ...context, name: 'reboot' })).rejects.toThrow(/no process was launched/);
  });
});

describe('shell driver', () => {
  it('runs the command with placeholders filled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driver-'));
    const file = join(dir, 'out.txt');
    await runDriver({ kind: 'shell', command: `echo {endpoint} > ${file}`, timeoutS: 10 }, { ...context, name: 'reboot' });
    expect(readFileSync(file, 'utf8').trim()).toBe('dev-1');
  });

  it('returns what the command printed (drivers that report state)', async () => {
    expect(await runDriver({ kind: 'shell', command: 'echo objects of {endpoint}', timeoutS: 10 }, { ...context, name: 'registration' })).toBe('objects of dev-1\n');
  });

  it('a failing command is a launch error with its exit code and first stderr line', async () => {
    await expect(runDriver({ kind: 'shell', command: 'echo "no such device" >&2; exit 7', timeoutS: 10 }, { ...context, name: 'reboot' })).rejects.toThrow(
      /the "reboot" driver's command exited with 7: no such device/,
    );
  });

  it('a command that hangs is stopped at its timeout', async () => {
    const started = performance.now();
    await expect(runDriver({ kind: 'shell', command: 'exec sleep 30', timeoutS: 0.3 }, { ...context, name: 'reboot' })).rejects.toThrow(/did not finish within 0.3 s/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an unknown placeholder is a configuration error, not an empty string', async () => {
    await expect(runDriver({ kind: 'shell', command: 'echo {nope}', timeoutS: 10 }, { ...context, name: 'reboot' })).rejects.toThrow(/unknown placeholder \{nope\}/);
  });
});

describe('http driver', () => {
  const seen: { method: string; url: string; body: string; auth?: string }[] = [];
  let base = '';
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
      res.statusCode = req.url!.includes('broken') ? 500 : 202;
      res.end(req.url!.includes('broken') ? 'server exploded' : req.method === 'GET' ? '{"objects":["/3/0"]}' : '');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends method, URL, headers and body templates', async () => {
    await runDriver(
      { kind: 'http', method: 'POST', url: `${base}/api/clients/{endpoint}/read`, body: '{"path":"{path}"}', headers: { authorization: 'Bearer t' }, expectStatus: [202], timeoutS: 5 },
      { ...context, name: 'read' },
    );
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/api/clients/dev-1/read', body: '{"path":"/3/0/1"}', auth: 'Bearer t' });
  });

  it('returns the response body', async () => {
    const body = await runDriver({ kind: 'http', method: 'GET', url: `${base}/api/clients/{endpoint}`, headers: {}, expectStatus: [202], timeoutS: 5 }, { ...context, name: 'registration' });
    expect(body).toBe('{"objects":["/3/0"]}');
  });

  it('an unexpected status is a launch error quoting the body', async () => {
    await expect(runDriver({ kind: 'http', method: 'GET', url: `${base}/broken`, headers: {}, expectStatus: [200], timeoutS: 5 }, { ...context, name: 'read' })).rejects.toThrow(
      /answered 500, expected 200: server exploded/,
    );
  });

  it('a refused connection is a launch error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(runDriver({ kind: 'http', method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {}, expectStatus: [200], timeoutS: 5 }, { ...context, name: 'read' })).rejects.toThrow(
      /failed: ECONNREFUSED/,
    );
  });
});

describe('prompt driver', () => {
  it('without a terminal it is an error naming the driver, never a silent wait', async () => {
    const error = await runDriver({ kind: 'prompt', message: 'Press the reset button' }, { ...context, name: 'reboot', interactive: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchError);
    expect((error as Error).message).toMatch(/the "reboot" driver asks a person \("Press the reset button"\), but no terminal is attached/);
  });
});


describe('stdin driver that expects an answer', () => {
  // A console like a server's: `list` prints numbered clients, `read N PATH` answers with a value.
  const console = `
    const clients = ['dev-1', 'dev-2'];
    process.stdin.on('data', (d) => {
      for (const line of String(d).trim().split('\\n')) {
        const [cmd, n, path] = line.split(' ');
        // The list in one write: a line of it arriving late would count as the next command's output.
        if (cmd === 'list') process.stdout.write(clients.map((c, i) => 'client ' + (i + 7) + ': ' + c + '\\n').join(''));
        else if (cmd === 'read') setTimeout(() => console.log('read ' + clients[Number(n) - 7] + ' ' + path + ' => 42'), 50);
      }
    });`;

  it('captures named groups for the next step and returns the answer', async () => {
    const p = await LaunchedProcess.start(process.execPath, ['-e', console], {});
    const captured: Record<string, string> = {};
    try {
      const driver = {
        kind: 'steps' as const,
        steps: [
          { kind: 'stdin' as const, line: 'list', expect: { pattern: 'client (?<id>\\d+): {endpoint}$', timeoutS: 5, capture: 'client' } },
          { kind: 'stdin' as const, line: 'read {client.id} {path}', expect: { pattern: '=> (?<value>\\d{2})', timeoutS: 5 } },
        ],
      };
      const output = await runDriver(driver, {
        ...context,
        name: 'read',
        writeLine: (l) => p.writeLine(l),
        output: (since) => p.lines(since),
        capture: (values) => Object.assign(captured, values),
      });
      expect(output).toBe('read dev-1 /3/0/1 => 42');
      expect(captured).toEqual({ 'client.id': '7', value: '42' });
    } finally {
      await p.stop();
    }
  });

  it('an answer that never comes is a launch error naming the pattern and what was printed', async () => {
    const p = await LaunchedProcess.start(process.execPath, ['-e', console], {});
    try {
      const driver = { kind: 'stdin' as const, line: 'list', expect: { pattern: 'client (?<id>\\d+): {endpoint}-x', timeoutS: 0.3 } };
      await expect(runDriver(driver, { ...context, name: 'read', writeLine: (l) => p.writeLine(l), output: (since) => p.lines(since) })).rejects.toThrow(
        /wrote "list" but the target printed nothing matching .* within 0.3 s; it printed: client 7: dev-1 \| client 8: dev-2/,
      );
    } finally {
      await p.stop();
    }
  });
});

describe('payloads a case gives as LwM2M nodes', () => {
  // Temperature instance 1 with Sensor Value 21.5, as LWM2MC-SRV-105 creates it.
  const payload = { path: '/3303', nodes: [{ path: '/3303/1/5700', type: 'float' as const, value: 21.5 }] };
  const shell = (command: string, payloadFormat?: PayloadFormat) => ({ kind: 'shell' as const, command, timeoutS: 10, ...(payloadFormat ? { payloadFormat } : {}) });
  const run = (driver: Parameters<typeof runDriver>[0]) => runDriver(driver, { ...context, name: 'create', payloads: { payload } });

  it('without a declared format, {payload} is TLV in hex, as drivers took it before', async () => {
    expect(await run(shell('echo {payload} {payload.format}'))).toBe('0701e4164441ac0000 11542\n');
  });

  it('a text format renders as text, a binary one as hex; {payload.hex} is always hex', async () => {
    expect(await run(shell("echo '{payload}' {payload.format}", 'senml-json'))).toBe('[{"bn":"/3303/","n":"1/5700","v":21.5}] 110\n');
    expect(await run(shell('echo {payload} {payload.format}', 'senml-cbor'))).toBe('81a321662f333330332f0066312f3537303002f94d60 112\n');
    expect(await run(shell('echo {payload.hex}', 'text'))).toBe('32312e35\n');
  });

  it('each step of a list renders in its own format', async () => {
    const driver = { kind: 'steps' as const, steps: [shell('echo {payload}', 'oma-json'), shell('echo {payload}', 'tlv')] };
    expect(await run(driver)).toBe('0701e4164441ac0000\n');
    expect(await run({ kind: 'steps', steps: [shell("echo '{payload}'", 'oma-json')] })).toBe('{"bn":"/3303/","e":[{"n":"1/5700","v":21.5}]}\n');
  });

  it('a format that cannot carry the payload is a launch error naming the driver and format', async () => {
    const two = { path: '/3303/1', nodes: [...payload.nodes, { path: '/3303/1/5701', type: 'string' as const, value: 'Cel' }] };
    await expect(runDriver(shell('echo {payload}', 'text'), { ...context, name: 'create', payloads: { payload: two } })).rejects.toThrow(
      /the "create" driver takes \{payload\} as text, which cannot carry the case's \/3303\/1 payload/,
    );
  });
});
