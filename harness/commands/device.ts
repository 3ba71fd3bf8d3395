// `lwm2m-conformance device`: the reference LwM2M client as its own process. It reads commands
// on stdin (`reboot`, `update`, `quit`) so that a harness can drive it, and logs to stderr.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ReferenceClient, parseServerUri } from '../peers/client/reference-client.ts';
import { clientFaults, isClientFault, type ClientFault } from '../peers/client/faults.ts';
import { ExitCode, UsageError, type CommandIO } from './io.ts';

export const deviceUsage = `usage: lwm2m-conformance device --server coap://HOST:PORT --endpoint NAME
         [--lifetime SECONDS] [--lwm2m 1.0|1.1|1.2] [--update-fraction F] [--fault NAME]...
stdin commands: reboot, quit
faults:
${Object.entries(clientFaults).map(([name, what]) => `  ${name}: ${what}`).join('\n')}`;

export async function deviceCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      endpoint: { type: 'string' },
      lifetime: { type: 'string' },
      lwm2m: { type: 'string' },
      'update-fraction': { type: 'string' },
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    io.out(deviceUsage);
    return ExitCode.ok;
  }
  if (!values.server) throw new UsageError('device: --server coap://HOST:PORT is required');
  if (!values.endpoint) throw new UsageError('device: --endpoint NAME is required');
  try {
    parseServerUri(values.server);
  } catch (error) {
    throw new UsageError(`device: --server: ${(error as Error).message}`);
  }
  const lifetimeS = values.lifetime === undefined ? 86400 : Number(values.lifetime);
  if (!Number.isInteger(lifetimeS) || lifetimeS <= 0) throw new UsageError(`device: --lifetime must be a positive whole number of seconds, got "${values.lifetime}"`);
  const version = values.lwm2m ?? '1.1';
  if (version !== '1.0' && version !== '1.1' && version !== '1.2') throw new UsageError(`device: --lwm2m must be 1.0, 1.1 or 1.2, got "${version}"`);
  const updateFraction = values['update-fraction'] === undefined ? 0.5 : Number(values['update-fraction']);
  if (!(updateFraction > 0 && updateFraction < 1)) throw new UsageError(`device: --update-fraction must be between 0 and 1, got "${values['update-fraction']}"`);
  const faults: ClientFault[] = [];
  for (const name of values.fault ?? []) {
    if (!isClientFault(name)) throw new UsageError(`device: unknown --fault "${name}"; known: ${Object.keys(clientFaults).join(', ')}`);
    faults.push(name);
  }

  const client = await ReferenceClient.create({
    serverUri: values.server,
    endpoint: values.endpoint,
    lifetimeS,
    version,
    updateFraction,
    faults,
    log: (line) => io.err(`device ${values.endpoint}: ${line}`),
  });
  client.start();

  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = async (code: number) => {
      if (finished) return;
      finished = true;
      lines.close();
      await client.stop();
      resolve(code);
    };
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      const command = line.trim();
      if (command === 'reboot') client.reboot();
      else if (command === 'quit') void finish(ExitCode.ok);
      else if (command !== '') io.err(`device ${values.endpoint}: unknown command "${command}" (reboot, quit)`);
    });
    process.once('SIGTERM', () => void finish(ExitCode.ok));
    process.once('SIGINT', () => void finish(ExitCode.ok));
  });
}
