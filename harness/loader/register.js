// Makes Node load the harness's TypeScript (typescript-hooks.js). Imported by the
// `lwm2m-conformance` command and passed as `--import` to the workers it starts (vitest's case
// worker, fleet workers); a launched reference device runs the command, and so has it too.
import { register } from 'node:module';

// Stack traces point into the TypeScript sources, through the inline source maps.
process.setSourceMapsEnabled(true);
register('./typescript-hooks.js', import.meta.url);
