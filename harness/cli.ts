// The `lwm2m-conformance` command: dispatches to a subcommand and maps failures to exit codes.
// Bad usage or configuration prints one clear line and exits 3; an environment failure (a port in
// use) one line and exits 2; anything unexpected exits 2 with its stack.
// Commands load lazily: the device process must not pay for the runner's imports at boot, nor
// any command for the other commands' help texts, which only the usage text lists.
import { processIO, type CommandIO } from './commands/io.ts';
import { EnvironmentError, ExitCode, UsageError } from './errors.ts';

type Command = (args: string[], io: CommandIO) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.ts')).runCommand,
  list: async () => (await import('./commands/list.ts')).listCommand,
  'merge-reports': async () => (await import('./commands/merge-reports.ts')).mergeReportsCommand,
  matrix: async () => (await import('./commands/matrix.ts')).matrixCommand,
  'check-profile': async () => (await import('./commands/check-profile.ts')).checkProfileCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  'bootstrap-serve': async () => (await import('./commands/bootstrap-serve.ts')).bootstrapServeCommand,
  device: async () => (await import('./commands/device.ts')).deviceCommand,
  decode: async () => (await import('./commands/decode.ts')).decodeCommand,
  encode: async () => (await import('./commands/encode.ts')).encodeCommand,
  fleet: async () => (await import('./commands/fleet.ts')).fleetCommand,
};

// The summaries come from the commands' help descriptions, the source of README's reference too.
export async function usage(): Promise<string> {
  const { commandHelps } = await import('./commands/help/index.ts');
  return `usage: lwm2m-conformance <command> [options]   (<command> --help for its options and examples)
commands:
${commandHelps.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`).join('\n')}
exit codes: 0 all pass or not applicable, 1 a case failed or was inconclusive,
            2 harness or environment error, 3 bad usage or configuration`;
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(await usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"\n${await usage()}`);
    return ExitCode.usage;
  }
  try {
    return await (await command())(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return ExitCode.usage;
    }
    if (error instanceof EnvironmentError) {
      io.err(`error: ${error.message}`);
      return ExitCode.error;
    }
    // parseArgs signals unknown or malformed flags with these codes.
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      io.err(`error: ${(error as Error).message}`);
      return ExitCode.usage;
    }
    io.err(`harness error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return ExitCode.error;
  }
}
