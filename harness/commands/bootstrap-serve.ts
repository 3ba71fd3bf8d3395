// `lwm2m-conformance bootstrap-serve`: the reference bootstrap server on its own. It provisions
// each known endpoint with a configuration (ETS C.13: one server account; C.14: two) and answers
// 4.00 to endpoints it does not know. It is the bundled target of the bootstrap-server suite,
// and a handy bootstrap server for trying a device.
import { parseArgs } from 'node:util';
import { ReferenceBootstrapServer, TLV } from '../peers/bootstrap/bootstrap-server.ts';
import { c13Configuration, c14Configuration, type BootstrapConfiguration } from '../peers/bootstrap/configurations.ts';
import { bootstrapFaults, isBootstrapFault, type BootstrapFault } from '../peers/bootstrap/faults.ts';
import { type CommandIO } from './io.ts';
import { helpText } from './help/command-help.ts';
import { bootstrapServeHelp } from './help/bootstrap-serve.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { udpListenError } from './listen-failure.ts';

const formats: Record<string, number> = { tlv: TLV, 'senml-json': 110, 'senml-cbor': 112 };

/** The flags bootstrap-serve parses; each is documented in help/bootstrap-serve.ts. */
export const bootstrapServeOptions = {
  address: { type: 'string' },
  port: { type: 'string' },
  'server-uri': { type: 'string' },
  'second-server-uri': { type: 'string' },
  client: { type: 'string', multiple: true },
  config: { type: 'string' },
  format: { type: 'string' },
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function bootstrapServeCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: bootstrapServeOptions, strict: true });
  if (values.help) {
    io.out(helpText(bootstrapServeHelp));
    return ExitCode.ok;
  }
  const serverUri = values['server-uri'];
  if (!serverUri || !/^coaps?:\/\/\S+$/.test(serverUri)) throw new UsageError('bootstrap-serve: --server-uri coap://HOST:PORT is required');
  const port = values.port === undefined ? 5783 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`bootstrap-serve: --port must be a port number (0-65535), got "${values.port}"`);
  const format = formats[values.format ?? 'tlv'];
  if (format === undefined) throw new UsageError(`bootstrap-serve: --format must be tlv, senml-json or senml-cbor, got "${values.format}"`);
  let configuration: BootstrapConfiguration;
  if ((values.config ?? 'c13') === 'c13') configuration = c13Configuration(serverUri);
  else if (values.config === 'c14') configuration = c14Configuration(serverUri, values['second-server-uri'] ?? serverUri);
  else throw new UsageError(`bootstrap-serve: --config must be c13 or c14, got "${values.config}"`);
  const faults: BootstrapFault[] = [];
  for (const name of values.fault ?? []) {
    if (!isBootstrapFault(name)) throw new UsageError(`bootstrap-serve: unknown --fault "${name}"; known: ${Object.keys(bootstrapFaults).join(', ')}`);
    faults.push(name);
  }
  const clients = new Set(values.client ?? []);
  const address = values.address ?? '127.0.0.1';
  const server = await ReferenceBootstrapServer.start({
    address,
    port,
    format,
    faults,
    configurationFor: (endpoint) => (clients.size === 0 || clients.has(endpoint) ? configuration : undefined),
  }).catch((error: unknown) => {
    throw udpListenError('bootstrap-serve', address, port, error);
  });
  io.err(`LwM2M bootstrap server on ${server.uri}, provisioning ${clients.size === 0 ? 'every endpoint' : [...clients].join(', ')} with ${configuration.name}`);
  server.events.onAppend((e) => io.err(`${e.kind} ${e.endpoint ?? ''} ${e.responseCode ?? ''} ${e.outcome ?? e.rejection ?? ''}`.trim()));
  return new Promise<number>((resolve) => {
    const stop = async () => {
      await server.close();
      resolve(ExitCode.ok);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
  });
}
