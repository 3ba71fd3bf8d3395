#!/usr/bin/env node
// Entry point of the `lwm2m-conformance` command. It runs the harness from its TypeScript
// compiled ahead into a tree of JavaScript (harness/loader/compiled-tree.js); where that tree
// cannot be made, it compiles the sources as they load (harness/loader/register.js). Either
// way the installed package runs without a build step.
import { compiledTree } from '../harness/loader/compiled-tree.js';

// Output piped into a command that stops reading (`| head`) ends the program quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const tree = await compiledTree();
// Stack traces point into the TypeScript sources, through the inline source maps.
process.setSourceMapsEnabled(true);
if (tree === undefined) await import('../harness/loader/register.js');
const { main } = await import(tree === undefined ? '../harness/cli.ts' : new URL('harness/cli.js', tree).href);
process.exitCode = await main(process.argv.slice(2));
