// Preloaded (node --import) into a CLI run and, through NODE_OPTIONS, its case worker: appends a
// line to $LWM2M_COUNT_READS_LOG whenever any process opens the file $LWM2M_COUNT_READS_OF.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const watched = process.env.LWM2M_COUNT_READS_OF;
const log = process.env.LWM2M_COUNT_READS_LOG;
const append = fs.appendFileSync;

function wrap(target, name) {
  const original = target[name];
  target[name] = function (path, ...rest) {
    if ((typeof path === 'string' || path instanceof URL) && resolve(String(path instanceof URL ? path.pathname : path)) === watched) {
      append(log, `${process.pid} ${name}\n`);
    }
    return original.call(this, path, ...rest);
  };
}

if (watched && log) {
  for (const name of ['readFile', 'readFileSync', 'open', 'openSync', 'createReadStream']) wrap(fs, name);
  for (const name of ['readFile', 'open']) wrap(fsp, name);
  syncBuiltinESMExports();
}
