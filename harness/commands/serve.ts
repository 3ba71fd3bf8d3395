// `lwm2m-conformance serve`: the reference LwM2M server on its own, with its HTTP management
// API (and, with --console, commands on stdin). It is the bundled target of the server suite,
// and a handy server for trying a device; its switches reproduce what real servers do.
import { parseArgs } from 'node:util';
import { createInterface, type Interface } from 'node:readline';
import { ManagementApi } from '../peers/server/management-api.ts';
import { ServerOperations } from '../peers/server/operations.ts';
import { ServerConsole } from '../peers/server/console.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import { TraceRecorder } from '../coap/trace.ts';
import { standingEventLimit } from '../peers/event-log.ts';
import { serveSecurityFlags, serveSecurityOf } from './serve-security.ts';
import { helpText } from './help/command-help.ts';
import { serveHelp } from './help/serve.ts';
import { readObjectList } from '../peers/server/registration-request.ts';
import { isServerFault, serverFaults, type ServerFault } from '../peers/server/faults.ts';
import { type CommandIO } from './io.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { apiTokenOf } from './api-token.ts';
import { tcpListenError, udpListenError } from './listen-failure.ts';

/** The flags serve parses; each is documented in help/serve.ts. */
export const serveOptions = {
  address: { type: 'string' },
  port: { type: 'string' },
  'http-address': { type: 'string' },
  'http-port': { type: 'string' },
  'token-file': { type: 'string' },
  'queue-awake': { type: 'string' },
  'profile-id': { type: 'string', multiple: true },
  'ignore-unknown-requests': { type: 'boolean' },
  'accept-root-ct': { type: 'string' },
  'lwm2m-max': { type: 'string' },
  console: { type: 'boolean' },
  verbose: { type: 'boolean' },
  ...serveSecurityFlags,
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Datagrams serve keeps in memory. Nothing reads them back (the API and console show events),
 * and a short trace lets each record die young: under a registration storm 5,000 records each
 * outlive a minor collection, and the old generation fills with them.
 */
const serveTraceLimit = 256;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`serve: ${flag} must be a port number (0-65535), got "${value}"`);
  return n;
}

export async function serveCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: serveOptions, strict: true });
  if (values.help) {
    io.out(helpText(serveHelp));
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
  const acceptRootCt = values['accept-root-ct']?.split(',').map((ct) => ct.trim());
  if (acceptRootCt && acceptRootCt.some((ct) => !/^\d+$/.test(ct))) throw new UsageError(`serve: --accept-root-ct takes content-format numbers such as 110,112, got "${values['accept-root-ct']}"`);
  const lwm2mMax = values['lwm2m-max'];
  if (lwm2mMax !== undefined && !/^\d+\.\d+$/.test(lwm2mMax)) throw new UsageError(`serve: --lwm2m-max takes a version such as 1.1, got "${lwm2mMax}"`);
  const coapPort = port(values.port, 5683, '--port');
  const httpAddress = values['http-address'] ?? '127.0.0.1';
  const httpPort = port(values['http-port'], 8080, '--http-port');
  if (values['token-file'] === '') throw new UsageError('serve: --token-file needs a file name');
  const token = apiTokenOf(values['token-file']);
  const server = await ReferenceServer.start({
    address,
    port: coapPort,
    trace: new TraceRecorder(serveTraceLimit),
    eventLimit: standingEventLimit,
    faults,
    profileIds,
    ...(security ? { security } : {}),
    ...(queueAwake ? { queueAwakeMs: queueAwake * 1000 } : {}),
    ...(values['ignore-unknown-requests'] ? { ignoreUnknownRequests: true } : {}),
    ...(acceptRootCt ? { acceptRootCt: acceptRootCt.map(Number) } : {}),
    ...(lwm2mMax ? { lwm2mMax } : {}),
  }).catch((error: unknown) => {
    token.dispose();
    throw udpListenError('serve', address, coapPort, error);
  });
  const operations = new ServerOperations(server, new Set(faults));
  const api = await ManagementApi.start(server, { token: token.token, address: httpAddress, port: httpPort, operations }).catch(async (error: unknown) => {
    await server.close();
    token.dispose();
    throw tcpListenError('serve', 'the management API', httpAddress, httpPort, error);
  });
  io.err(`LwM2M server on ${server.uri}; management API on ${api.url}`);
  // A token serve made is shown so a person can use it; one read from a file stays out of logs.
  io.err(token.generated ? `management API token: ${token.token} (also in ${token.file})` : `management API token: read from ${token.file}`);
  // A line per event is a write per message: under a registration storm it costs more than the
  // registration itself, so it is printed only when asked for.
  if (values.verbose) server.events.onAppend((e) => io.err(`${e.kind} ${e.endpoint ?? ''} ${e.location ?? ''} ${e.responseCode ?? ''}`.trim()));
  return new Promise<number>((resolve) => {
    const stop = async () => {
      input?.close();
      await api.close();
      await server.close();
      token.dispose();
      resolve(ExitCode.ok);
    };
    let input: Interface | undefined;
    if (values.console) {
      const console = new ServerConsole(operations, (line) => io.out(line), () => void stop());
      input = createInterface({ input: process.stdin, terminal: false });
      input.on('line', (line) => void console.execute(line));
    }
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
  });
}
