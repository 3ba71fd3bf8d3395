#!/usr/bin/env node
// Entry point of the `lwm2m-conformance` command: loads the TypeScript sources through tsx,
// so the installed package runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli.ts');
process.exitCode = await main(process.argv.slice(2));
