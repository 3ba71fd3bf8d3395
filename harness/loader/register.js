// Makes Node load the harness's TypeScript: tsx compiles the project's own modules, and the
// installed packages load as Node loads them without tsx (see dependency-hooks.js). Imported by
// the `lwm2m-conformance` command and passed as `--import` to the processes it starts.
import { register as registerHooks } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Registered after tsx, so it sees each module first.
registerHooks('./dependency-hooks.js', import.meta.url);
