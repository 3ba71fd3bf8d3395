// The reference peers as separate processes, wired together the way the README shows: `serve`,
// `bootstrap-serve` and `device`. A device with only a bootstrap account bootstraps and then
// registers; one that also has a server account registers straight away, and bootstraps when
// the server executes its Bootstrap-Request Trigger (/1/0/9).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LaunchedProcess } from '../../harness/targets/process-launcher.ts';
import { until } from '../../harness/peers/wait.ts';
import { projectRoot } from '../support/shared.ts';

const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');
const started: LaunchedProcess[] = [];

async function launch(args: string[]): Promise<LaunchedProcess> {
  const p = await LaunchedProcess.start(process.execPath, [bin, ...args], { cwd: projectRoot });
  started.push(p);
  return p;
}

/** The first capture of `pattern` in the process's output, within `withinMs`. */
async function printed(p: LaunchedProcess, pattern: RegExp, withinMs = 20_000): Promise<RegExpExecArray> {
  const found = await until(() => p.lines().map((l) => pattern.exec(l.text)).find((m) => m !== null), { within: withinMs });
  if (!found) throw new Error(`no line matching ${pattern} within ${withinMs} ms; output:\n${p.lines().map((l) => l.text).join('\n')}`);
  return found;
}

/** The server's record of an endpoint once it is registered (polls the management API). */
async function registration(api: string, token: string, endpoint: string, withinMs = 20_000): Promise<{ objects: string[] } | undefined> {
  return until(
    async () => {
      const response = await fetch(`${api}/api/clients/${encodeURIComponent(endpoint)}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
      return response?.status === 200 ? ((await response.json()) as { objects: string[] }) : undefined;
    },
    { within: withinMs },
  );
}

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
});

describe('serve, bootstrap-serve and device together', () => {
  it('a device bootstraps, registers, and bootstraps again when triggered', async () => {
    const server = await launch(['serve', '--port', '0', '--http-port', '0']);
    const [, serverUri, api] = await printed(server, /LwM2M server on (coap:\/\/\S+); management API on (http:\/\/\S+)/);
    const [, token] = await printed(server, /^management API token: (\S+) /);
    const bootstrap = await launch(['bootstrap-serve', '--port', '0', '--server-uri', serverUri!]);
    const [, bootstrapUri] = await printed(bootstrap, /bootstrap server on (coap:\/\/\S+),/);

    // Only a bootstrap account (C.13): bootstrap first, then register with what it was given.
    await launch(['device', '--bootstrap', bootstrapUri!, '--endpoint', 'standalone-c13']);
    await printed(bootstrap, /^request standalone-c13 2\.04/);
    expect((await registration(api!, token!, 'standalone-c13'))?.objects).toEqual(expect.arrayContaining(['/1/0', '/3/0']));

    // A server account besides the bootstrap account: registers without bootstrapping.
    await launch(['device', '--server', serverUri!, '--bootstrap', bootstrapUri!, '--endpoint', 'standalone-both']);
    expect(await registration(api!, token!, 'standalone-both')).toBeDefined();
    expect(bootstrap.lines().some((l) => l.text.startsWith('request standalone-both'))).toBe(false);

    // The server triggers a bootstrap (Execute /1/0/9, LwM2M 1.1); the device asks its bootstrap server.
    const execute = await fetch(`${api}/api/clients/standalone-both/execute`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/1/0/9' }),
    });
    expect(await execute.json()).toMatchObject({ code: '2.04' });
    await printed(bootstrap, /^request standalone-both 2\.04/);
  }, 90_000);
});
