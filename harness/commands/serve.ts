// `lwm2m-conformance serve`: the reference LwM2M server on its own, with its HTTP management
// API. It is the bundled target of the server suite, and a handy server for trying a device.
import { parseArgs } from 'node:util';
import { ManagementApi } from '../peers/server/management-api.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import { serveSecurityFlags, serveSecurityOf, serveSecurityUsage } from './serve-security.ts';
import { readObjectList } from '../peers/server/registration-request.ts';
import { isServerFault, serverFaults, type ServerFault } from '../peers/server/faults.ts';
import { type CommandIO } from './io.ts';
import { ExitCode, UsageError } from '../errors.ts';

export const serveUsage = `usage: lwm2m-conformance serve [--address A] [--port P] [--http-port H] [--profile-id PID=LINKS]... [--fault NAME]...
  --address    where the CoAP server listens (default 127.0.0.1)
  --port       its UDP port (default 5683; 0 for any free port)
  --http-port  the management API's TCP port on the same address (default 8080; 0 for any)
  --queue-awake  seconds a queue-mode client stays reachable after its last message (default 93)
  --profile-id   a Profile ID the server resolves (LwM2M 1.2 pid) and the object list it stands
                 for, e.g. --profile-id '6:27354b9a=</1/0>,</3/0>'
management API (JSON): GET /api/clients, GET /api/clients/{ep},
  POST /api/clients/{ep}/{read|write|execute|create|delete|discover|write-attributes|observe|cancel-observe}
  with a body such as {"path": "/3/0/0"} or {"path": "/1/0/1", "value": "60"}
${serveSecurityUsage}
faults (known non-conformances, for testing the server suite):
${Object.entries(serverFaults).map(([name, what]) => `  ${name}: ${what}`).join('\n')}`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`serve: ${flag} must be a port number (0-65535), got "${value}"`);
  return n;
}

export async function serveCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      address: { type: 'string' },
      port: { type: 'string' },
      'http-port': { type: 'string' },
      'queue-awake': { type: 'string' },
      'profile-id': { type: 'string', multiple: true },
      ...serveSecurityFlags,
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    io.out(serveUsage);
    return ExitCode.ok;
  }
  const faults: ServerFault[] = [];
  for (const name of values.fault ?? []) {
    if (!isServerFault(name)) throw new UsageError(`serve: unknown --fault "${name}"; known: ${Object.keys(serverFaults).join(', ')}`);
    faults.push(name);
  }
  const address = values.address ?? '127.0.0.1';
  const queueAwake = values['queue-awake'] === undefined ? undefined : Number(values['queue-awake']);
  if (queueAwake !== undefined && !(queueAwake > 0)) throw new UsageError(`serve: --queue-awake must be a positive number of seconds, got "${values['queue-awake']}"`);
  const security = serveSecurityOf(values);
  const profileIds: Record<string, string> = {};
  for (const item of values['profile-id'] ?? []) {
    const eq = item.indexOf('=');
    const pid = item.slice(0, eq);
    if (eq < 0 || !/^\d+:[0-9a-fA-F]+$/.test(pid) || !item.slice(eq + 1).startsWith('<')) {
      throw new UsageError(`serve: --profile-id must be PID=LINKS such as 6:27354b9a=</1/0>,</3/0>, got "${item}"`);
    }
    const list = readObjectList(Buffer.from(item.slice(eq + 1)));
    if (list.error) throw new UsageError(`serve: --profile-id ${pid}: the object list is not link format: ${list.error}`);
    profileIds[pid] = list.text;
  }
  const server = await ReferenceServer.start({ address, port: port(values.port, 5683, '--port'), faults, profileIds, ...(security ? { security } : {}), ...(queueAwake ? { queueAwakeMs: queueAwake * 1000 } : {}) });
  const api = await ManagementApi.start(server, { address, port: port(values['http-port'], 8080, '--http-port'), faults });
  io.err(`LwM2M server on ${server.uri}; management API on ${api.url}`);
  server.events.onAppend((e) => io.err(`${e.kind} ${e.endpoint ?? ''} ${e.location ?? ''} ${e.responseCode ?? ''}`.trim()));
  return new Promise<number>((resolve) => {
    const stop = async () => {
      await api.close();
      await server.close();
      resolve(ExitCode.ok);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
  });
}
