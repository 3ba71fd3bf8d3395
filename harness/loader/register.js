// Makes Node load the harness's TypeScript (typescript-hooks.js). Imported by the
// `lwm2m-conformance` command and passed as `--import` to the case worker it starts.
import { register } from 'node:module';

// Stack traces point into the TypeScript sources, through the inline source maps.
process.setSourceMapsEnabled(true);
register('./typescript-hooks.js', import.meta.url);
