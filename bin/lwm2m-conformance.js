#!/usr/bin/env node
// Entry point of the `lwm2m-conformance` command: compiles the TypeScript sources as they load
// (harness/loader), so the installed package runs without a build step.
import '../harness/loader/register.js';

// Output piped into a command that stops reading (`| head`) ends the program quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../harness/cli.ts');
process.exitCode = await main(process.argv.slice(2));
